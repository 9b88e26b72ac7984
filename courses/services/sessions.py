"""Scheduling sessions."""

import datetime as dt

from django.utils.translation import gettext as _

from courses.models import Course, CourseKind, Session
from learning.closing import ensure_open
from learning.errors import Refused


class SessionError(Refused):
    pass


def schedule_session(
    *,
    course: Course,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    registration_deadline: dt.datetime,
    cancellation_deadline: dt.datetime,
    place: str = "",
    online_url: str = "",
) -> Session:
    """A new scheduled session of a city-held course."""
    if course.kind != CourseKind.SESSION:
        raise SessionError(_("Only city-held courses have sessions."))
    ensure_open(starts_at)
    session = Session(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        place=place,
        online_url=online_url,
        registration_deadline=registration_deadline,
        cancellation_deadline=cancellation_deadline,
    )
    session.full_clean()
    session.save()
    return session
