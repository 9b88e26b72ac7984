"""Permission-checked fetchers: views never fetch private objects any other way."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from courses.models import Registration, Session
from learning.directory.selectors import staff_of, staff_or_none
from learning.permissions import Duty, has_duty


def can_organise(user, session: Session) -> bool:
    """HR and administrators organise everything; organisers their own courses."""
    if has_duty(user, Duty.HR):
        return True
    return (
        has_duty(user, Duty.COURSE_ORGANISER)
        and session.course.organisers.filter(pk=user.pk).exists()
    )


def access_session_for_organiser(*, user, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    if not can_organise(user, session):
        raise PermissionDenied
    return session


def access_registration(*, user, pk: int) -> Registration:
    """One's own registration, or one in a session one organises."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__course", "staff"), pk=pk
    )
    if registration.staff.user_id == user.pk or can_organise(user, registration.session):
        return registration
    raise PermissionDenied


__all__ = [
    "access_registration",
    "access_session_for_organiser",
    "can_organise",
    "staff_of",
    "staff_or_none",
]
