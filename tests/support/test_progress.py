"""Measure 14's lines for the yearly progress report come from the coverage selector."""

import datetime as dt

import pytest

from support import progress
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


def test_the_coverage_line_has_the_years_target_and_figure():
    district = DistrictFactory()
    for number in range(4):
        household = HouseholdFactory(district=district, identified_on=dt.date(2024, 5, 1))
        if number == 0:
            SupportRecordFactory(household=household, date=dt.date(2024, 6, 1))
    line = next(line for line in progress.lines(2024) if line.key == "m14.coverage")
    assert (line.measure, line.target, line.actual) == ("14", 40.0, 25.0)
    assert line.grade == "B"  # 25% of a 40% target is 62.5%
    by_district, by_kind = progress.tables(2024)
    # Fewer than 5 households needing support: suppressed, as in the open data.
    assert by_district.rows == [[district.name, "X", "X", "X", "X"]]
    assert len(by_kind.rows) == 6
