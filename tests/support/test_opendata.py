"""Open data: public, exact header, one row per year and district plus "all", small
districts suppressed with the secondary suppression that keeps them hidden."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from learning import fiscal
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db

HEADER = "fiscal_year,district,households_needing_support,households_covered,coverage_percent,target_percent"


@pytest.fixture
def city():
    big, small, empty = (
        DistrictFactory(name="鹿島", position=1),
        DistrictFactory(name="高松", position=2),
        DistrictFactory(name="豊郷", position=3),
    )
    for number in range(6):
        household = HouseholdFactory(district=big, identified_on=dt.date(2023, 5, 1))
        if number < 2:
            SupportRecordFactory(household=household, date=dt.date(2023, 6, 1))
    for _number in range(4):
        SupportRecordFactory(
            household=HouseholdFactory(district=small, identified_on=dt.date(2023, 5, 1)),
            date=dt.date(2024, 6, 1),
        )
    return big, small, empty


def rows(client):
    response = client.get(reverse("opendata:csv", args=["support"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_is_public_with_the_exact_header(client, city):
    assert rows(client)


def test_one_row_per_year_and_district_plus_all(client, city):
    years = range(2023, fiscal.current_fiscal_year() + 1)
    keys = [(row["fiscal_year"], row["district"]) for row in rows(client)]
    assert keys == [(str(fy), name) for fy in years for name in ("all", "鹿島", "高松", "豊郷")]


def test_figures_have_one_decimal_and_small_districts_are_suppressed(client, city):
    by_key = {(row["fiscal_year"], row["district"]): row for row in rows(client)}
    assert by_key[("2023", "all")] == {
        "fiscal_year": "2023",
        "district": "all",
        "households_needing_support": "10",
        "households_covered": "2",
        "coverage_percent": "20.0",
        "target_percent": "20.0",
    }
    figures = ("households_needing_support", "households_covered", "coverage_percent")
    for year in ("2023", "2024"):
        small = by_key[(year, "高松")]
        assert tuple(small[key] for key in figures) == ("X", "X", "X")
        assert small["target_percent"] in ("20.0", "40.0")
        # The big district is hidden too: else the small one is "all" minus it.
        assert tuple(by_key[(year, "鹿島")][key] for key in figures) == ("X", "X", "X")
        # A district with nobody needing support describes nobody: shown as 0.
        assert by_key[(year, "豊郷")]["households_needing_support"] == "0"
    assert by_key[("2024", "all")]["households_covered"] == "6"


def test_the_json_has_the_same_rows_and_the_licence(client, city):
    data = client.get(reverse("opendata:json", args=["support"])).json()
    assert data["license"] == "CC BY 4.0"
    assert data["columns"] == HEADER.split(",")
    first = data["rows"][0]
    assert first == {
        "fiscal_year": 2023,
        "district": "all",
        "households_needing_support": 10,
        "households_covered": 2,
        "coverage_percent": 20.0,
        "target_percent": 20.0,
    }
    small = next(r for r in data["rows"] if r["district"] == "高松")
    assert small["households_needing_support"] == "X" and small["households_covered"] == "X"


def test_the_open_data_page_carries_the_cc_by_notice(client, city):
    body = client.get(reverse("opendata:index")).content.decode()
    assert "CC BY 4.0" in body and "creativecommons.org/licenses/by/4.0" in body
    assert "support.csv" in body and "support.json" in body


def test_no_personal_data_is_published(client, city):
    text = client.get(reverse("opendata:csv", args=["support"])).content.decode() + client.get(
        reverse("opendata:json", args=["support"])
    ).content.decode("utf-8")
    assert "市民" not in text and "0299" not in text and "T0" not in text
