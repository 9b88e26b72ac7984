"""Report readers outside support staff see the coverage page, its CSV and its chart with
small districts hidden (finding 5: a district of 2 households, 1 covered, was shown);
support staff see every district."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    small, big, bigger = (
        DistrictFactory(name="小さな地区", position=1),
        DistrictFactory(name="中くらいの地区", position=2),
        DistrictFactory(name="大きな地区", position=3),
    )
    for district, needing, covered in ((small, 2, 1), (big, 8, 4), (bigger, 20, 5)):
        for number in range(needing):
            household = HouseholdFactory(district=district, identified_on=dt.date(2025, 5, 1))
            if number < covered:
                SupportRecordFactory(household=household, date=dt.date(2025, 6, 1))
    return small, big, bigger


def logged_in(client, duty):
    user = UserFactory(duties=[duty])
    StaffFactory(user=user)
    client.force_login(user)


def district_rows(client):
    response = client.get(reverse("support:coverage"), {"fy": 2025, "_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row[1]: row[2:6] for row in rows[1:]}


@pytest.mark.parametrize("duty", [Duty.REPORT_VIEWER, Duty.HR])
def test_report_readers_see_small_districts_hidden_everywhere(client, city, duty):
    logged_in(client, duty)
    rows = district_rows(client)
    assert rows["小さな地区"] == ["X", "X", "X", "X"]
    assert rows["中くらいの地区"] == ["X", "X", "X", "X"]  # else the small one is the rest
    assert rows["大きな地区"][:2] == ["20", "5"]
    page = client.get(reverse("support:coverage"), {"fy": 2025})
    assert "小さな地区" in page.text and "50.0%" not in page.text
    assert "秘匿" in page.text
    chart = next(c for c in page.context["chart_list"] if c["name"] == "districts")
    assert "小さな地区 X" in chart["alt"] and "50.0" not in chart["alt"]
    png = client.get(reverse("support:coverage_chart", args=["districts", "png"]), {"fy": 2025})
    assert png.status_code == 200


def test_support_staff_see_every_district(client, city):
    logged_in(client, Duty.SUPPORT_STAFF)
    rows = district_rows(client)
    assert rows["小さな地区"] == ["2", "1", "1", "50.0"]
