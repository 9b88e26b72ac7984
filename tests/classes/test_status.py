"""The measure's status page: held against target per centre and fiscal year."""

import datetime as dt

import pytest
from django.urls import reverse

from classes.models import Centre, ClassTarget, InstructorTraining
from classes.selectors import status_report
from classes.services.classes import record_attendance
from learning.fiscal import TOKYO
from learning.permissions import Duty
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=TOKYO)


def held_class(centre, start, *, present=2, absent=1, walk_ins=0, record=True, held=True):
    c = SmartphoneClassFactory(
        centre=centre, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    came = [SignUpFactory(smartphone_class=c).pk for _ in range(present)]
    for _ in range(absent):
        SignUpFactory(smartphone_class=c)
    if record:
        record_attendance(
            smartphone_class=c, attended=came, walk_ins=walk_ins, mark_held=held, now=c.ends_at
        )
    return c


def test_the_plan_targets_are_seeded_by_migration():
    rows = set(ClassTarget.objects.values_list("fiscal_year", "centre_kind", "classes_per_centre"))
    assert {(fy, "district", 2) for fy in range(2023, 2027)} <= rows
    assert not ClassTarget.objects.filter(fiscal_year=2022).exists()


def test_a_class_counts_only_when_held_with_attendance_recorded():
    centre = CentreFactory()
    held_class(centre, at(2025, 5, 10), present=3, walk_ins=1)
    held_class(centre, at(2025, 6, 10), record=False)  # attendance not recorded
    held_class(centre, at(2025, 7, 10), held=False)  # attendance, but not marked held
    SmartphoneClassFactory(
        centre=centre, starts_at=at(2025, 8, 1), ends_at=at(2025, 8, 1, 12), status="cancelled"
    )
    row = next(r for r in status_report(fiscal_year=2025).rows if r.centre == centre)
    assert (row.target, row.held, row.participants, row.cancelled) == (2, 1, 4, 1)
    assert not row.met and row.remaining == 1


def test_fiscal_year_boundaries_follow_tokyo_dates():
    centre = CentreFactory()
    held_class(centre, at(2026, 3, 31, 20))  # FY2025
    held_class(centre, at(2026, 4, 1, 9))  # FY2026
    rows = {
        fy: next(r for r in status_report(fiscal_year=fy).rows if r.centre == centre)
        for fy in (2025, 2026)
    }
    assert (rows[2025].held, rows[2026].held) == (1, 1)


def test_trainings_are_counted_per_centre_and_in_total():
    centre = CentreFactory()
    InstructorTraining.objects.create(title="講師養成", held_on=dt.date(2025, 6, 1), centre=centre)
    InstructorTraining.objects.create(title="オンライン講師養成", held_on=dt.date(2025, 7, 1))
    InstructorTraining.objects.create(title="前年度", held_on=dt.date(2025, 3, 31), centre=centre)
    report = status_report(fiscal_year=2025)
    assert next(r for r in report.rows if r.centre == centre).trainings == 1
    assert report.trainings_total == 2


def test_targets_are_data_and_a_new_year_can_be_added():
    central = CentreFactory(kind=Centre.Kind.CENTRAL)
    ClassTarget.objects.create(fiscal_year=2027, centre_kind="central", classes_per_centre=4)
    row = next(r for r in status_report(fiscal_year=2027).rows if r.centre == central)
    assert row.target == 4


@pytest.mark.parametrize("size", [1, 8])
def test_status_queries_do_not_grow(client, django_assert_num_queries, size):
    client.force_login(UserFactory(duties=[Duty.REPORT_VIEWER]))
    for number in range(size):
        held_class(CentreFactory(), at(2025, 5, 1 + number))
    # session, user, groups and the header's staff name, then six for the report
    with django_assert_num_queries(10):
        assert client.get(reverse("classes:status"), {"fy": 2025}).status_code == 200


def test_status_page_csv_and_chart(client):
    centre = CentreFactory(name="テスト地区公民館")
    held_class(centre, at(2025, 5, 10))
    client.force_login(UserFactory(duties=[Duty.CENTRE_STAFF]))
    body = client.get(reverse("classes:status"), {"fy": 2025}).content.decode()
    assert "令和7年度 (2025年度)" in body and "テスト地区公民館" in body and "あと1回" in body
    csv = client.get(reverse("classes:status_csv"), {"fy": 2025})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("年度,公民館,種別,目標,開催数（実績）")
    assert "令和7年度,テスト地区公民館,地区公民館,2,1," in text
    png = client.get(reverse("classes:status_chart", kwargs={"fmt": "png"}), {"fy": 2025})
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get(reverse("classes:status_chart", kwargs={"fmt": "svg"}), {"fy": "garbage"})
    assert svg["Content-Type"] == "image/svg+xml"
    assert client.get(reverse("classes:status_chart", kwargs={"fmt": "gif"})).status_code == 404


def test_status_is_for_staff_with_a_reporting_duty(client):
    assert client.get(reverse("classes:status")).status_code == 302
    client.force_login(UserFactory(duties=[Duty.SUPPORT_STAFF]))
    assert client.get(reverse("classes:status")).status_code == 403
    assert client.get(reverse("classes:status_csv")).status_code == 403
