"""Measure 13's lines for the yearly progress report come from the status selector."""

import datetime as dt

import pytest
import time_machine

from classes import progress
from classes.models import InstructorTraining
from classes.services.classes import record_attendance
from learning.fiscal import TOKYO
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory

pytestmark = pytest.mark.django_db


def held(centre, start):
    c = SmartphoneClassFactory(
        centre=centre, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    came = [SignUpFactory(smartphone_class=c).pk for _ in range(3)]
    record_attendance(smartphone_class=c, attended=came, walk_ins=1, mark_held=True, now=c.ends_at)


def test_lines_grade_the_year_against_the_target():
    done, behind = CentreFactory(), CentreFactory()
    held(done, dt.datetime(2025, 5, 1, 10, tzinfo=TOKYO))
    held(done, dt.datetime(2025, 9, 1, 10, tzinfo=TOKYO))
    held(behind, dt.datetime(2025, 9, 2, 10, tzinfo=TOKYO))
    InstructorTraining.objects.create(title="講師養成", held_on=dt.date(2025, 6, 1))
    lines = {line.key: line for line in progress.lines(2025)}
    assert (lines["m13.centres_met"].target, lines["m13.centres_met"].actual) == (2.0, 1.0)
    assert (lines["m13.classes_held"].target, lines["m13.classes_held"].actual) == (4.0, 3.0)
    assert lines["m13.classes_held"].grade == "B"
    assert lines["m13.participants"].actual == 12.0
    assert lines["m13.instructor_trainings"].grade == "A"
    [table] = progress.tables(2025)
    assert [done.name, 2, 2, 0, 8, 0] in table.rows


def test_the_preparation_year_has_no_target():
    lines = {line.key: line for line in progress.lines(2022)}
    assert lines["m13.classes_held"].target is None
    assert progress.forecast(2022) == []


def test_forecast_lists_centres_that_cannot_reach_the_target():
    short, planned = CentreFactory(), CentreFactory()
    with time_machine.travel(dt.datetime(2026, 1, 10, tzinfo=TOKYO)):
        for day in (20, 27):
            start = dt.datetime(2026, 2, day, 10, tzinfo=TOKYO)
            SmartphoneClassFactory(
                centre=planned, starts_at=start, ends_at=start + dt.timedelta(hours=2)
            )
        [table] = progress.forecast(2025)
    names = [row[0] for row in table.rows]
    assert short.name in names and planned.name not in names
