"""The aggregate coverage equals a household-by-household count of the definition."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning import fiscal
from support.models import Household, SupportRecord
from support.selectors.coverage import coverage_report
from tests.support.factories import DistrictFactory

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2022, 10, 1), dt.date(2027, 6, 30)
days = st.dates(min_value=FIRST, max_value=LAST)
household = st.tuples(
    st.integers(0, 2),  # district
    days,  # identified on
    st.one_of(st.none(), st.integers(0, 900)),  # closed this many days later
    st.lists(days, max_size=3),  # support days
)


def by_hand(rows, fy):
    first, last = fiscal.first_day(fy), fiscal.last_day(fy)
    needing = [r for r in rows if r[1] <= last and (r[2] is None or r[2] >= first)]
    covered = [r for r in needing if any(day <= last for day in r[3])]
    supported = [r for r in needing if any(first <= day <= last for day in r[3])]
    return len(needing), len(covered), len(supported)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(household, max_size=12), st.sampled_from([2023, 2024, 2025, 2026]))
def test_the_aggregate_matches_a_count_by_hand(generated, fy):
    cache.clear()
    with transaction.atomic():
        districts = [DistrictFactory(name=f"p{n}") for n in range(3)]
        rows = []
        for number, (district, identified_on, closed_after, support_days) in enumerate(generated):
            closed_on = (
                identified_on + dt.timedelta(days=closed_after)
                if closed_after is not None
                else None
            )
            h = Household.objects.create(
                reference=f"P{number}",
                district=districts[district],
                identified_on=identified_on,
                status="closed" if closed_on else "open",
                closed_on=closed_on,
                closed_reason="other" if closed_on else "",
            )
            for day in support_days:
                SupportRecord.objects.create(household=h, date=day, kind="other")
            rows.append((district, identified_on, closed_on, support_days))
        report = coverage_report(fy=fy)
        assert (
            report.total.needing,
            report.total.covered,
            report.total.supported_in_year,
        ) == by_hand(rows, fy)
        for index, row in enumerate(report.districts):
            assert (row.needing, row.covered, row.supported_in_year) == by_hand(
                [r for r in rows if r[0] == index], fy
            )
        for year, row in report.history:
            assert (row.needing, row.covered) == by_hand(rows, year)[:2]
        transaction.set_rollback(True)
