"""A closed year's snapshot is the official record: it is read as it was stored, whatever
version of the code stored it. ``snapshots/fy2024-v1.json`` was stored by the first layout
(no version key) and is never regenerated."""

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from learning.fiscal import TOKYO
from learning.models import FiscalYearClosing
from learning.progress import SNAPSHOT_VERSION, Report, report_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
FROZEN = json.loads((Path(__file__).parent / "snapshots" / "fy2024-v1.json").read_text("utf-8"))


@pytest.fixture
def closed_fy2024():
    admin = UserFactory(is_superuser=True, is_staff=True)
    FiscalYearClosing.objects.create(
        fiscal_year=2024,
        closed_at=dt.datetime(2025, 5, 20, 9, 30, tzinfo=TOKYO),
        closed_by=admin,
        snapshot=FROZEN,
    )
    return admin


def test_the_frozen_snapshot_has_no_version_and_reads_as_version_one():
    assert "version" not in FROZEN
    report = Report.from_json(FROZEN)
    assert report.fy == 2024
    assert report.line("m9.share_met").actual == 45.5
    assert report.line("m14.coverage").actual == 71.7
    assert [table.key for table in report.tables][:2] == ["m9_by_role", "m9_by_department"]


def test_a_snapshot_stored_now_carries_its_version_and_reads_back_the_same():
    report = Report.from_json(FROZEN)
    stored = report.to_json()
    assert stored["version"] == SNAPSHOT_VERSION
    again = Report.from_json(stored)
    assert again.lines == report.lines and again.tables == report.tables


def test_a_snapshot_from_newer_code_is_refused_rather_than_misread():
    with pytest.raises(ValueError):
        Report.from_json({**FROZEN, "version": SNAPSHOT_VERSION + 1})


def test_fields_added_or_dropped_since_do_not_break_an_old_snapshot():
    line = {**FROZEN["lines"][0], "no_longer_used": 1}
    line.pop("note")
    report = Report.from_json({**FROZEN, "lines": [line]})
    assert report.lines[0].note == ""


@time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=TOKYO), tick=False)
def test_the_closed_year_page_csv_and_pdf_show_the_stored_figures(client, closed_fy2024):
    client.force_login(closed_fy2024)
    assert report_for(2024).line("m9.share_met").actual == 45.5
    page = client.get(reverse("yearly_report"), {"fy": 2024})
    assert page.status_code == 200
    assert "45.5" in page.text and "71.7" in page.text
    csv = client.get(reverse("yearly_report_csv", args=["lines"]), {"fy": 2024})
    assert "m9.share_met" in csv.content.decode("utf-8-sig")
    pdf = client.get(reverse("yearly_report_pdf"), {"fy": 2024})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
