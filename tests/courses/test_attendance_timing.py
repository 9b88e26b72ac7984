"""Attendance is recorded only once a session has started: on the organiser's page, in
bulk, as a walk-in, by marking it held, and for online completions imported."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from courses.models import Attendance, Completion, Registration, SessionStatus
from courses.selectors.compliance import compliance_rows
from courses.services.registration import (
    RegistrationError,
    add_walk_in,
    mark_session_held,
    record_attendance,
)
from courses.services.training_import import import_completions
from learning.csvimport import ImportFailed
from learning.fiscal import TOKYO
from learning.permissions import Duty
from tests.courses.factories import (
    CourseFactory,
    OnlineCourseFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO)
EIGHT_DAYS_AHEAD = dt.datetime(2026, 12, 9, 14, 0, tzinfo=TOKYO)
NOT_STARTED = "研修の開始後"


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def organiser():
    user = UserFactory(duties=[Duty.COURSE_ORGANISER])
    StaffFactory(user=user)
    return user


@pytest.fixture
def session(organiser):
    """A session eight days ahead with four people registered."""
    session = SessionFactory(
        course=CourseFactory(organisers=[organiser]), starts_at=EIGHT_DAYS_AHEAD
    )
    for _number in range(4):
        RegistrationFactory(session=session)
    return session


def participations_on_hr_page(client, session) -> int:
    client.force_login(UserFactory(duties=[Duty.HR]))
    response = client.get(reverse("courses:compliance"), {"fy": 2026})
    assert response.status_code == 200
    registrants = set(session.registrations.values_list("staff_id", flat=True))
    return sum(
        row.participations for row in response.context["year"].rows if row.staff_id in registrants
    )


def test_marking_a_session_eight_days_ahead_gives_nobody_a_participation(
    client, organiser, session
):
    client.force_login(organiser)
    marks = {f"r{pk}": "present" for pk in session.registrations.values_list("pk", flat=True)}
    response = client.post(
        reverse("courses:organise_session", args=[session.pk]), {**marks, "and_held": "1"}
    )
    assert participations_on_hr_page(client, session) == 0
    assert not Registration.objects.exclude(attendance="").exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    assert response.status_code == 400
    assert NOT_STARTED in response.content.decode()


def test_attendance_is_counted_once_the_session_has_taken_place(client, organiser, session):
    with time_machine.travel(EIGHT_DAYS_AHEAD + dt.timedelta(hours=2, minutes=30), tick=False):
        client.force_login(organiser)
        marks = {f"r{pk}": "present" for pk in session.registrations.values_list("pk", flat=True)}
        response = client.post(
            reverse("courses:organise_session", args=[session.pk]), {**marks, "and_held": "1"}
        )
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.status == SessionStatus.HELD
        assert participations_on_hr_page(client, session) == 4


def test_the_page_says_attendance_waits_for_the_start_and_offers_no_walk_in(
    client, organiser, session
):
    client.force_login(organiser)
    body = client.get(reverse("courses:organise_session", args=[session.pk])).content.decode()
    assert NOT_STARTED in body
    assert reverse("courses:walk_in", args=[session.pk]) not in body
    assert 'value="held"' not in body and 'name="and_held"' not in body


def test_bulk_attendance_before_the_start_is_refused_but_excused_is_not(session):
    first, second = session.registrations.all()[:2]
    with pytest.raises(RegistrationError, match=NOT_STARTED):
        record_attendance(session=session, marks={first.pk: Attendance.LATE})
    # Knowing in advance that someone will be away is not attendance.
    assert record_attendance(session=session, marks={second.pk: Attendance.EXCUSED}) == 1
    first.refresh_from_db()
    assert first.attendance == ""
    at_start = session.starts_at
    assert record_attendance(session=session, marks={first.pk: Attendance.LATE}, now=at_start) == 1


def test_a_walk_in_before_the_start_is_refused(client, organiser, session):
    person = StaffFactory(employee_id="W0001")
    with pytest.raises(RegistrationError, match=NOT_STARTED):
        add_walk_in(session=session, staff=person)
    client.force_login(organiser)
    response = client.post(
        reverse("courses:walk_in", args=[session.pk]),
        {"employee_id": "W0001", "attendance": "present"},
        follow=True,
    )
    assert NOT_STARTED in response.content.decode()
    assert not Registration.objects.filter(staff=person).exists()
    walk_in = add_walk_in(session=session, staff=person, now=session.starts_at)
    assert walk_in.attendance == Attendance.PRESENT


def test_a_future_session_cannot_be_marked_held(client, organiser, session):
    with pytest.raises(RegistrationError, match=NOT_STARTED):
        mark_session_held(session=session)
    client.force_login(organiser)
    response = client.post(
        reverse("courses:session_status", args=[session.pk]), {"action": "held"}, follow=True
    )
    assert NOT_STARTED in response.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    assert mark_session_held(session=session, now=session.starts_at).status == SessionStatus.HELD


def test_an_online_completion_dated_in_the_future_is_a_line_error():
    StaffFactory(employee_id="E1")
    OnlineCourseFactory(code="ELN-1")
    data = (
        "職員番号,研修コード,修了日\nE1,ELN-1,2026-12-01\nE1,ELN-1,2026-12-02\nE1,ELN-1,2027-04-01\n"
    ).encode()
    with pytest.raises(ImportFailed) as failure:
        import_completions(data=data)
    messages = [str(error) for error in failure.value.errors]
    assert len(messages) == 2
    assert messages[0].startswith("3行目:") and "2026年12月2日" in messages[0]
    assert messages[1].startswith("4行目:")
    assert not Completion.objects.exists()
    assert compliance_rows(fy=2026).rows  # nothing half-written: the year still reads
