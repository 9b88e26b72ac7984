"""Reads of the staff directory.

"The role and department a person held on a day" has one definition here,
``assignments_in_force``; every page, report and service that needs it reads it through
this module (HR's compliance rows, My training, the roster import, the reminders).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from learning.models import Assignment, Staff


def assignments_in_force(*, on: dt.date) -> QuerySet[Assignment]:
    """The assignment each person held on ``on``: the latest one effective by that day
    (none for people whose history starts later). One row per person."""
    superseded = Assignment.objects.filter(
        staff=OuterRef("staff"),
        effective_from__gt=OuterRef("effective_from"),
        effective_from__lte=on,
    )
    return Assignment.objects.filter(effective_from__lte=on).exclude(Exists(superseded))


def assignment_on(*, staff: Staff, on: dt.date) -> Assignment | None:
    """The assignment (role and department) a staff member held on ``on``, if any."""
    return assignments_in_force(on=on).filter(staff=staff).select_related("department").first()


def staff_on(*, on: dt.date) -> QuerySet[Staff]:
    """Staff annotated with ``role_on``, ``department_id_on`` and ``department_on``
    (the name) as they were on ``on``, in one query."""
    held = assignments_in_force(on=on).filter(staff=OuterRef("pk"))
    return Staff.objects.select_related("user").annotate(
        role_on=Subquery(held.values("role")[:1]),
        department_id_on=Subquery(held.values("department_id")[:1]),
        department_on=Subquery(held.values("department__name")[:1]),
    )


def staff_or_none(user) -> Staff | None:
    """The logged-in person's staff record, or None (anonymous, or an account without one)."""
    return Staff.objects.filter(user=user).first() if user.is_authenticated else None


class NoStaffRecord(PermissionDenied):
    """A logged-in account without a staff record (an administrator made in the admin)
    opened a page about one's own training; the middleware explains instead of a 403."""


def staff_of(user) -> Staff:
    """The logged-in person's staff record; accounts without one may not use staff pages."""
    staff = staff_or_none(user)
    if staff is None:
        raise NoStaffRecord
    return staff
