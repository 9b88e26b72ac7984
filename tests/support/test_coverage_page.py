"""The yearly report page: figures, definition, CSV, print layout, bad ?fy=."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    district = DistrictFactory(name="鹿島")
    for number in range(5):
        household = HouseholdFactory(district=district, identified_on=dt.date(2024, 5, 1))
        if number < 2:
            SupportRecordFactory(household=household, date=dt.date(2024, 6, 1))


def test_the_report_shows_the_figures_and_the_definition(viewer_client, data):
    body = viewer_client.get(reverse("support:coverage") + "?fy=2024").content.decode()
    assert "令和6年度" in body
    assert "40.0%" in body  # 2 of 5
    assert "鹿島" in body
    assert "31 March" in body or "3月31日" in body  # the definition is printed
    for chart in ("history", "districts", "kinds"):
        assert f"/support/coverage/chart/{chart}.png?fy=2024" in body
        assert f"/support/coverage/chart/{chart}.svg?fy=2024&amp;download=1" in body


def test_the_table_downloads_as_csv(viewer_client, data):
    response = viewer_client.get(reverse("support:coverage") + "?fy=2024&_export=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 2 + 6  # header, city, one district, six kinds
    assert ",5,2,2,40.0,40.0" in lines[1]


def test_the_print_layout_has_the_figures_without_the_navigation(viewer_client, data):
    body = viewer_client.get(reverse("support:coverage") + "?fy=2024&layout=print").content.decode()
    assert 'class="print-layout"' in body and "40.0%" in body


@pytest.mark.parametrize("fy", ["", "abc", "1900", "99999999999999999999", "2024.5", "%00"])
def test_a_bad_fiscal_year_falls_back_to_the_running_year(viewer_client, fy):
    response = viewer_client.get(reverse("support:coverage") + f"?fy={fy}")
    assert response.status_code == 200
    chart = viewer_client.get(
        reverse("support:coverage_chart", args=["history", "png"]) + f"?fy={fy}"
    )
    assert chart.status_code == 200
