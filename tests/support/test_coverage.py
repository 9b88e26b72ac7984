"""Coverage per fiscal year against hand-computed fixtures (DOMAIN.md, measure 14)."""

import datetime as dt
from decimal import Decimal

import pytest

from support.models import CoverageTarget, SupportKind
from support.selectors.coverage import coverage_report, percent
from tests.support.factories import (
    DistrictFactory,
    HouseholdFactory,
    SupportRecordFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def city():
    """Eight households around the FY2024 boundaries (FY2024 = 2024-04-01..2025-03-31)."""
    a, b = DistrictFactory(name="鹿島", position=1), DistrictFactory(name="高松", position=2)

    def household(ref, district, identified_on, supports=(), closed_on=None):
        extra = (
            {"status": "closed", "closed_on": closed_on, "closed_reason": "moved_away"}
            if closed_on
            else {}
        )
        h = HouseholdFactory(reference=ref, district=district, identified_on=identified_on, **extra)
        for day, kind in supports:
            SupportRecordFactory(household=h, date=day, kind=kind)
        return h

    return {
        # identified and supported on FY2023's last day
        "h1": household("h1", a, D(2024, 3, 31), [(D(2024, 3, 31), SupportKind.CONNECTION)]),
        # identified and supported on FY2024's first day
        "h2": household("h2", a, D(2024, 4, 1), [(D(2024, 4, 1), SupportKind.PROCEDURE)]),
        # identified on FY2024's last day, first supported the next day
        "h3": household("h3", a, D(2025, 3, 31), [(D(2025, 4, 1), SupportKind.CONNECTION)]),
        # closed on FY2023's last day: not in FY2024 at all
        "h4": household(
            "h4", a, D(2023, 5, 1), [(D(2023, 6, 1), SupportKind.CONNECTION)], D(2024, 3, 31)
        ),
        # closed on FY2024's first day: still needing support in FY2024, covered from before
        "h5": household(
            "h5", a, D(2023, 5, 1), [(D(2023, 5, 10), SupportKind.CLASS_REFERRAL)], D(2024, 4, 1)
        ),
        # supported twice, in two years
        "h6": household(
            "h6",
            a,
            D(2023, 4, 1),
            [(D(2023, 4, 1), SupportKind.CONNECTION), (D(2024, 10, 10), SupportKind.PROCEDURE)],
        ),
        # never supported
        "h7": household("h7", a, D(2023, 10, 1)),
        # another district, two device loans in FY2024
        "h8": household(
            "h8",
            b,
            D(2024, 5, 1),
            [(D(2024, 6, 1), SupportKind.DEVICE_LOAN), (D(2024, 7, 1), SupportKind.DEVICE_LOAN)],
        ),
    }


def figures(row):
    return (row.needing, row.covered, row.supported_in_year)


def test_fy2023_counts_the_household_identified_and_supported_on_31_march(city):
    report = coverage_report(fy=2023)
    # h1, h4, h5, h6, h7 need support; all but h7 were supported in FY2023.
    assert figures(report.total) == (5, 4, 4)
    assert report.total.coverage == Decimal("80.0")
    assert report.total.target == Decimal("20.0") and report.total.met


def test_fy2024_boundaries_closures_late_identification_and_double_support(city):
    report = coverage_report(fy=2024)
    # needing: h1 h2 h3 h5 h6 h7 (鹿島) + h8 (高松); h4 was closed before 1 April 2024.
    # covered: h1 h2 h5 h6 h8 (h3's first support is on 1 April 2025, h7 has none).
    # supported within FY2024: h2 (1 April), h6 (second support), h8 (twice, counted once).
    assert figures(report.total) == (7, 5, 3)
    assert report.total.coverage == Decimal("71.4")
    assert report.total.target == Decimal("40.0") and report.total.met is True
    by_district = {row.label: figures(row) for row in report.districts}
    assert by_district == {"鹿島": (6, 4, 2), "高松": (1, 1, 1)}


def test_fy2025_covers_the_late_household_and_drops_the_one_closed_in_fy2024(city):
    report = coverage_report(fy=2025)
    # h5 (closed 1 April 2024) is gone; h3 is covered by its support of 1 April 2025.
    assert figures(report.total)[:2] == (6, 5)


def test_history_lists_every_year_from_fy2023_with_its_target(city):
    history = {
        year: (row.needing, row.covered, row.target)
        for year, row in coverage_report(fy=2025).history
    }
    assert history == {
        2023: (5, 4, Decimal("20.0")),
        2024: (7, 5, Decimal("40.0")),
        2025: (6, 5, Decimal("60.0")),
    }


def test_support_by_kind_counts_records_and_households_of_the_year(city):
    kinds = {
        row.kind: (row.records_in_year, row.households_in_year, row.households_covered)
        for row in coverage_report(fy=2024).kinds
    }
    assert kinds == {
        SupportKind.DEVICE_LOAN: (2, 1, 1),
        SupportKind.ACCESS_PLACE: (0, 0, 0),
        SupportKind.CONNECTION: (0, 0, 2),  # h1 and h6, both before FY2024
        SupportKind.CLASS_REFERRAL: (0, 0, 1),  # h5
        SupportKind.PROCEDURE: (2, 2, 2),  # h2 and h6
        SupportKind.OTHER: (0, 0, 0),
    }


def test_the_planning_year_has_no_target_and_no_verdict(city):
    report = coverage_report(fy=2022)
    assert report.total.target is None and report.total.met is None
    assert [year for year, _row in report.history] == [2022]


def test_a_target_changed_in_the_data_is_used(city):
    CoverageTarget.objects.filter(fiscal_year=2024).update(target_percent=Decimal("75.0"))
    report = coverage_report(fy=2024)
    assert report.total.target == Decimal("75.0") and report.total.met is False


def test_the_targets_are_seeded_by_migration():
    assert dict(CoverageTarget.objects.values_list("fiscal_year", "target_percent")) == {
        2023: Decimal("20.0"),
        2024: Decimal("40.0"),
        2025: Decimal("60.0"),
        2026: Decimal("80.0"),
    }


def test_an_empty_city_has_no_coverage_rather_than_a_division_by_zero():
    report = coverage_report(fy=2024)
    assert figures(report.total) == (0, 0, 0) and report.total.coverage is None


def test_percentages_round_half_up_to_one_decimal():
    assert percent(1, 8) == Decimal("12.5")
    assert percent(1, 3) == Decimal("33.3")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(1, 0) is None


@pytest.mark.parametrize("households", [3, 12])
def test_the_report_runs_a_fixed_number_of_queries(django_assert_num_queries, households):
    for number in range(households):
        h = HouseholdFactory(district=DistrictFactory(name=f"d{number % 4}"))
        SupportRecordFactory(household=h)
    with django_assert_num_queries(6):  # targets, districts, data version (2), cells, kinds
        coverage_report(fy=2024)
    with django_assert_num_queries(4):  # the figures come from the cache while nothing changed
        coverage_report(fy=2024)


def test_new_support_is_counted_at_once_despite_the_cache():
    household = HouseholdFactory(identified_on=dt.date(2024, 5, 1))
    assert coverage_report(fy=2024).total.covered == 0
    SupportRecordFactory(household=household, date=dt.date(2024, 6, 1))
    assert coverage_report(fy=2024).total.covered == 1
    household.status, household.closed_on, household.closed_reason = (
        "closed",
        dt.date(2024, 5, 2),
        "other",
    )
    household.save()
    assert coverage_report(fy=2025).total.needing == 0
