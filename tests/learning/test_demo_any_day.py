"""`make run` loads the demo on whatever day it is started: the demo has the same shapes
on every day of the year, including the last evening of the plan and the first hour of a
year after it."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from classes.models import Centre, ClassTarget, SmartphoneClass
from courses.models import Target
from courses.selectors.compliance import compliance_rows
from courses.selectors.my_training import open_sessions
from learning import fiscal
from learning.fiscal import TOKYO
from support.models import CoverageTarget
from support.selectors.coverage import coverage_report

pytestmark = pytest.mark.django_db

CLOCKS = {
    "1-december": dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO),  # no district class left
    "mid-january": dt.datetime(2027, 1, 15, 9, 0, tzinfo=TOKYO),
    "31-march-23-30": dt.datetime(2027, 3, 31, 23, 30, tzinfo=TOKYO),  # the plan's last evening
    "1-april-00-30": dt.datetime(2027, 4, 1, 0, 30, tzinfo=TOKYO),  # a year after the plan
}  # CI runs the whole suite, tests/classes/test_demo.py included, at more clocks (.ci/run)
Scheduled, Cancelled = SmartphoneClass.Status.SCHEDULED, SmartphoneClass.Status.CANCELLED


@pytest.mark.parametrize("clock", CLOCKS.values(), ids=CLOCKS.keys())
def test_the_demo_has_the_same_shapes_whatever_the_day(clock):
    with time_machine.travel(clock, tick=False):
        call_command("seed_demo", stdout=io.StringIO())
        now, fy = timezone.now(), fiscal.current_fiscal_year()

        classes = SmartphoneClass.objects.all()
        for centre in Centre.objects.all():
            upcoming = classes.filter(centre=centre, status=Scheduled, starts_at__gt=now)
            assert upcoming.filter(published=True).exists(), centre.name
        cancelled = classes.get(status=Cancelled)
        assert cancelled.starts_at > now
        waiting = classes.filter(
            status=Scheduled,
            ends_at__lte=now,
            attendance_recorded_at__isnull=True,
            centre__staff__email="centre@city.example.jp",
        )
        assert waiting.exists()

        assert open_sessions(now=now).filter(starts_at__gt=now).count() >= 3
        me = next(row for row in compliance_rows(fy=fy).rows if row.employee_id == "D0006")
        assert me.target is not None and not me.met  # the demo staff member is behind

        for model in (Target, ClassTarget, CoverageTarget):
            assert model.objects.filter(fiscal_year=fy).exists(), model.__name__
        coverage = coverage_report(fy=fy)
        assert coverage.total.target is not None and coverage.total.supported_in_year > 0
