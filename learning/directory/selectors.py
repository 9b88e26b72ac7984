"""Reads of the staff directory."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery

from learning.models import Assignment, Staff


def assignment_on(*, staff: Staff, on: dt.date) -> Assignment | None:
    """The assignment (role and department) a staff member held on ``on``, if any."""
    return (
        staff.assignments.filter(effective_from__lte=on)
        .select_related("department")
        .order_by("-effective_from")
        .first()
    )


def _assignment_field_on(on: dt.date, field: str) -> Subquery:
    return Subquery(
        Assignment.objects.filter(staff=OuterRef("pk"), effective_from__lte=on)
        .order_by("-effective_from")
        .values(field)[:1]
    )


def staff_on(*, on: dt.date) -> QuerySet[Staff]:
    """Staff annotated with ``role_on``, ``department_id_on`` and ``department_on``
    (the name) as they were on ``on``, in one query."""
    return Staff.objects.select_related("user").annotate(
        role_on=_assignment_field_on(on, "role"),
        department_id_on=_assignment_field_on(on, "department_id"),
        department_on=_assignment_field_on(on, "department__name"),
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
