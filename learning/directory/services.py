"""Writes to the staff directory."""

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from learning.directory.selectors import assignment_on
from learning.models import Assignment, Department, Role, Staff


def get_or_create_department(*, name: str) -> tuple[Department, bool]:
    return Department.objects.get_or_create(name=name.strip())


def record_assignment(
    *, staff: Staff, role: Role | str, department: Department, effective_from: dt.date
) -> bool:
    """Record that ``staff`` holds ``role`` in ``department`` from ``effective_from``.

    Returns True when the history changed. Nothing is added when the role and
    department in force on that date are already these.
    """
    current = assignment_on(staff=staff, on=effective_from)
    if current and current.role == role and current.department_id == department.pk:
        return False
    if current and current.effective_from == effective_from:
        current.role = role
        current.department = department
        current.full_clean()
        current.save(update_fields=["role", "department"])
        return True
    assignment = Assignment(
        staff=staff, role=role, department=department, effective_from=effective_from
    )
    assignment.full_clean()
    assignment.save()
    return True


@transaction.atomic
def create_staff(
    *,
    employee_id: str,
    name: str,
    email: str,
    role: Role | str,
    department: Department,
    effective_from: dt.date,
    active: bool = True,
    password: str | None = None,
) -> Staff:
    """A staff member with a login account (no usable password unless given)."""
    user = get_user_model().objects.create_user(email=email, password=password, is_active=active)
    staff = Staff(user=user, employee_id=employee_id, name=name, active=active)
    staff.full_clean()
    staff.save()
    record_assignment(staff=staff, role=role, department=department, effective_from=effective_from)
    return staff


def update_staff_details(*, staff: Staff, name: str, email: str, active: bool) -> bool:
    """Change name, e-mail and in-service flag; the account follows. True if anything changed."""
    changed_staff = [f for f, v in (("name", name), ("active", active)) if getattr(staff, f) != v]
    for field_name in changed_staff:
        setattr(staff, field_name, name if field_name == "name" else active)
    if changed_staff:
        staff.full_clean()
        staff.save(update_fields=changed_staff)
    user = staff.user
    changed_user = []
    if user.email != email:
        user.email = email
        changed_user.append("email")
    if user.is_active != active:
        user.is_active = active
        changed_user.append("is_active")
    if changed_user:
        user.save(update_fields=changed_user)
    return bool(changed_staff or changed_user)


def rotate_calendar_token(*, staff: Staff) -> str:
    """A new secret for the personal calendar feed; the old URL stops working."""
    staff.calendar_token = secrets.token_urlsafe(32)
    staff.save(update_fields=["calendar_token"])
    return staff.calendar_token
