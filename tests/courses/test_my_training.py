import datetime as dt

import pytest
import time_machine
import vobject
from django.urls import reverse

from courses.models import Attendance, Competency
from courses.selectors.my_training import training_record
from courses.services.registration import register_for_session
from learning.directory.services import record_assignment, rotate_calendar_token
from learning.fiscal import TOKYO
from learning.models import Role
from tests.courses.factories import (
    CompletionFactory,
    CourseFactory,
    ExternalTrainingFactory,
    RegistrationFactory,
    SecurityCourseFactory,
    SessionFactory,
    session_at,
)
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def _frozen_now():
    """Every test of the module at NOW, fixtures included (a login made before travelling
    forward would have expired)."""
    with time_machine.travel(NOW, tick=False):
        yield


def test_participations_count_present_late_completions_and_approved_external_only():
    staff = StaffFactory(assignment__role=Role.LEADER)
    security = SecurityCourseFactory(competencies=[Competency.objects.get(code="leader-coaching")])
    RegistrationFactory(
        staff=staff, session=session_at(2026, 4, 1, course=security), attendance=Attendance.PRESENT
    )
    RegistrationFactory(staff=staff, session=session_at(2026, 5, 1), attendance=Attendance.LATE)
    RegistrationFactory(staff=staff, session=session_at(2026, 6, 1), attendance=Attendance.EXCUSED)
    RegistrationFactory(
        staff=staff, session=session_at(2026, 3, 31), attendance=Attendance.PRESENT
    )  # FY2025
    CompletionFactory(staff=staff, completed_on=dt.date(2026, 7, 1))
    ExternalTrainingFactory(staff=staff, attended_on=dt.date(2026, 8, 1), approved=True)
    ExternalTrainingFactory(staff=staff, attended_on=dt.date(2026, 8, 2))  # pending
    RegistrationFactory(
        staff=staff,
        session=session_at(2026, 9, 1, course=CourseFactory(counts_toward_target=False)),
        attendance=Attendance.PRESENT,
    )
    record = training_record(staff=staff, fy=2026)
    assert record.counted == 4  # present + late + completion + approved external
    assert record.target == 4 and record.met
    assert record.security_done
    trained = {c.code for c, done in record.competencies if done}
    assert trained == {"leader-coaching"}
    assert training_record(staff=staff, fy=2025).counted == 1


def test_the_target_follows_the_role_on_the_years_last_day():
    staff = StaffFactory(
        assignment__role=Role.GENERAL, assignment__effective_from=dt.date(2020, 4, 1)
    )
    record_assignment(
        staff=staff,
        role=Role.MANAGER,
        department=DepartmentFactory(),
        effective_from=dt.date(2025, 10, 1),
    )
    assert training_record(staff=staff, fy=2025).target == 2  # manager on 2026-03-31
    assert training_record(staff=staff, fy=2024).target == 1  # general on 2025-03-31


def test_my_training_page_shows_progress_and_suggests_open_security_sessions(staff_client):
    security = SessionFactory(course=SecurityCourseFactory(title="情報セキュリティ研修2026"))
    response = staff_client.get(reverse("courses:my_training"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "令和8年度 (2026年度)" in body
    assert "目標1回中0回" in body
    assert security.course.title in body


def test_my_training_handles_a_bad_year_without_error(staff_client):
    assert staff_client.get(reverse("courses:my_training") + "?fy=abc").status_code == 200


def test_accounts_without_a_staff_record_are_told_why_instead_of_403(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("courses:my_training"))
    assert response.status_code == 200
    assert "職員の記録がありません" in response.content.decode()


def test_the_personal_feed_lists_confirmed_sessions_and_a_renewed_token_revokes_the_old_url(client):
    staff = StaffFactory()
    session = SessionFactory(course=CourseFactory(title="RPA, 応用; 第2回"))
    register_for_session(staff=staff, session=session)
    token = rotate_calendar_token(staff=staff)
    url = reverse("courses:personal_feed", args=[token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = vobject.readOne(response.content.decode())
    assert calendar.vevent.summary.value == "RPA, 応用; 第2回"
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    rotate_calendar_token(staff=staff)
    assert client.get(url).status_code == 404
