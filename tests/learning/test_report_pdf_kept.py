"""A closed year's report PDF is rendered once and kept; an open year's follows its data."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from learning import report_files
from learning.closing import close_fiscal_year, reopen_fiscal_year
from learning.fiscal import TOKYO
from learning.models import YearlyReportPDF
from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = report_files.render_report_pdf

    def counting(report):
        calls.append(report.fy)
        return real(report)

    monkeypatch.setattr(report_files, "render_report_pdf", counting)
    return calls


def _viewer(client):
    user = UserFactory(duties=[Duty.REPORT_VIEWER])
    StaffFactory(user=user)
    client.force_login(user)
    return client


@time_machine.travel(NOW, tick=False)
def test_a_closed_years_pdf_is_rendered_on_first_request_then_served_as_kept(client, renders):
    close_fiscal_year(fy=2025, by=UserFactory(is_superuser=True, is_staff=True))
    client = _viewer(client)
    first = client.get(reverse("yearly_report_pdf"), {"fy": 2025})
    second = client.get(reverse("yearly_report_pdf"), {"fy": 2025})
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF")
    assert renders == [2025]
    assert YearlyReportPDF.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_closing_renders_the_pdf_in_a_task_and_reclosing_renders_a_new_one(renders):
    admin = UserFactory(is_superuser=True, is_staff=True)
    closing = close_fiscal_year(fy=2025, by=admin)
    assert report_files.render_closed_report_pdf.enqueue(closing.pk).return_value == "rendered"
    assert report_files.render_closed_report_pdf.enqueue(closing.pk).return_value == (
        "kept already"
    )
    reopen_fiscal_year(fy=2025, by=admin, reason="修正のため")
    assert report_files.closed_report_pdf(2025) is None  # open again: live figures
    close_fiscal_year(fy=2025, by=admin)
    assert report_files.closed_report_pdf(2025).startswith(b"%PDF")
    assert renders == [2025, 2025]
    assert YearlyReportPDF.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_an_open_years_pdf_is_rendered_on_each_request(client, renders):
    client = _viewer(client)
    client.get(reverse("yearly_report_pdf"), {"fy": 2026})
    client.get(reverse("yearly_report_pdf"), {"fy": 2026})
    assert renders == []  # the view renders an open year itself, never keeps it
    assert not YearlyReportPDF.objects.exists()
