"""My training, HR's compliance row and the yearly report count the same participations
for anyone in any year: they all read ``courses.selectors.participations``. Built from
random histories around a fixed clock (25 November 2026, 10:00 in Tokyo), including
attendance marked for sessions that have not taken place yet, which never counts."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses import progress
from courses.models import (
    Attendance,
    Completion,
    CourseKind,
    ExternalTraining,
    Registration,
    RegistrationStatus,
    ReviewStatus,
    Session,
    SessionStatus,
)
from courses.selectors.compliance import compliance_rows
from courses.selectors.my_training import training_record
from learning.fiscal import TOKYO
from learning.models import Role
from tests.courses.factories import CourseFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)
FIRST = dt.date(2025, 2, 1)  # from the end of FY2024 to the future of the running year
LAST = dt.date(2027, 3, 31)

participation = st.tuples(
    st.integers(0, 2),  # who
    st.sampled_from(["session", "online", "external"]),
    st.integers(0, 3),  # which course
    st.dates(min_value=FIRST, max_value=LAST),
    st.sampled_from([*Attendance.values, ""]),  # for sessions
    st.sampled_from(SessionStatus.values),  # for sessions
    st.sampled_from(ReviewStatus.values),  # for external training
)
courses = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=4, max_size=4)


def build(course_flags, history):
    staff = [
        StaffFactory(assignment__role=role) for role in (Role.GENERAL, Role.LEADER, Role.MANAGER)
    ]
    catalogue = {
        kind: [
            CourseFactory(
                code=f"{kind[:2]}{n}", kind=kind, counts_toward_target=counts, is_security=security
            )
            for n, (counts, security) in enumerate(course_flags)
        ]
        for kind in (CourseKind.SESSION, CourseKind.ONLINE, CourseKind.EXTERNAL)
    }
    for who, kind, course, day, attendance, status, review in history:
        person = staff[who]
        if kind == "session":
            start = dt.datetime(day.year, day.month, day.day, 10, tzinfo=TOKYO)
            session = Session.objects.create(
                course=catalogue[CourseKind.SESSION][course],
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=30,
                registration_deadline=start,
                cancellation_deadline=start,
                status=status,
            )
            Registration.objects.create(
                session=session,
                staff=person,
                status=RegistrationStatus.CONFIRMED,
                requested_at=start - dt.timedelta(days=10),
                attendance=attendance,
            )
        elif kind == "online":
            Completion.objects.get_or_create(
                staff=person, course=catalogue[CourseKind.ONLINE][course], completed_on=day
            )
        else:
            ExternalTraining.objects.create(
                staff=person,
                course=catalogue[CourseKind.EXTERNAL][course] if course else None,
                title="外部研修",
                attended_on=day,
                status=review,
            )
    return staff


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(courses, st.lists(participation, max_size=14), st.sampled_from([2024, 2025, 2026]))
def test_my_training_the_compliance_row_and_the_report_agree(course_flags, history, fy):
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        staff = build(course_flags, history)
        year = compliance_rows(fy=fy)
        rows = {row.staff_id: row for row in year.rows}
        for person in staff:
            record = training_record(staff=person, fy=fy)
            row = rows[person.pk]
            assert record.counted == row.participations
            assert record.security_done == row.security_done
            assert record.met == row.met
            assert all(item.date <= NOW.date() for item in record.participations)
        lines = {line.key: line for line in progress.lines(fy)}
        met = sum(row.met for row in year.rows)
        assert lines["m9.share_met"].actual == round(100 * met / len(year.rows), 1)
        per_person = sum(row.participations for row in year.rows) / len(year.rows)
        assert lines["m9.participations_per_person"].actual == round(per_person, 2)
        transaction.set_rollback(True)


def test_attendance_marked_ahead_of_a_session_counts_only_once_it_has_taken_place():
    """An organiser once marked a session eight days ahead and four staff gained a
    participation on HR's page at once."""
    course = CourseFactory()
    start = NOW + dt.timedelta(days=8)
    session = Session.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=10,
        registration_deadline=start,
        cancellation_deadline=start,
    )
    people = [StaffFactory() for _ in range(4)]
    for person in people:
        Registration.objects.create(
            session=session,
            staff=person,
            status=RegistrationStatus.CONFIRMED,
            requested_at=NOW,
            attendance=Attendance.PRESENT,
        )
    with time_machine.travel(NOW, tick=False):
        assert all(row.participations == 0 for row in compliance_rows(fy=2026).rows)
        assert training_record(staff=people[0], fy=2026).counted == 0
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        assert sum(row.participations for row in compliance_rows(fy=2026).rows) == 4
        assert training_record(staff=people[0], fy=2026).counted == 1
