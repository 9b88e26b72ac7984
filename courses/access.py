"""Permission-checked fetchers: views never fetch private objects any other way."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses.models import Course, CourseKind, Registration, Session
from learning.directory.selectors import staff_of, staff_or_none
from learning.permissions import Permission, may, require


def organised_courses(*, user) -> QuerySet[Course]:
    """The city-held courses ``user`` organises: every one for HR and administrators.
    Raises PermissionDenied for users who organise nothing."""
    require(user, Permission.ORGANISE_SESSIONS)
    courses = Course.objects.filter(kind=CourseKind.SESSION)
    if may(user, Permission.MANAGE_TRAINING):
        return courses
    return courses.filter(organisers=user)


def can_organise(user, session: Session) -> bool:
    """HR and administrators organise everything; organisers their own courses."""
    if may(user, Permission.MANAGE_TRAINING):
        return True
    return (
        may(user, Permission.ORGANISE_SESSIONS)
        and session.course.organisers.filter(pk=user.pk).exists()
    )


def access_session_for_organiser(*, user, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    if not can_organise(user, session):
        raise PermissionDenied
    return session


def access_registration(*, user, pk: int) -> Registration:
    """One's own registration, or one in a session one organises; 404 otherwise."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__course", "staff"), pk=pk
    )
    if registration.staff.user_id == user.pk or can_organise(user, registration.session):
        return registration
    raise Http404  # someone else's: its existence is not told


__all__ = [
    "access_registration",
    "organised_courses",
    "access_session_for_organiser",
    "can_organise",
    "staff_of",
    "staff_or_none",
]
