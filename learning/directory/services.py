"""Writes to the staff directory."""

import datetime as dt
import secrets
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from django.contrib.auth import get_user_model
from django.db import transaction

from learning.directory.selectors import assignment_on
from learning.models import Assignment, Department, Role, Staff

LOOKUP_CHUNK = 2000  # values per ``__in`` lookup: well inside every database's limit
WRITE_BATCH = 1000


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


class StaffEntry(Protocol):
    """One staff member as a roster states them (``learning.directory.roster.RosterLine``)."""

    employee_id: str
    name: str
    email: str
    department: str
    role: Role | str
    effective_from: dt.date
    active: bool


def chunks(values: Sequence, size: int = LOOKUP_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def departments_by_name(names: Iterable[str]) -> dict[str, Department]:
    """Every named department, the unknown ones created: two queries however many names."""
    wanted = sorted({name.strip() for name in names})
    found = {d.name: d for d in Department.objects.filter(name__in=wanted)}
    missing = [Department(name=name) for name in wanted if name not in found]
    Department.objects.bulk_create(missing, batch_size=WRITE_BATCH)
    found.update((department.name, department) for department in missing)
    return found


def _in_force(history: list[Assignment], on: dt.date) -> Assignment | None:
    """The assignment in force on ``on``; ``history`` is sorted by effective_from."""
    current = None
    for assignment in history:
        if assignment.effective_from > on:
            break
        current = assignment
    return current


@transaction.atomic
def sync_staff(*, entries: Sequence[StaffEntry]) -> list[str]:
    """Create or update staff from ``entries`` (validated, one per employee id), with the
    same rules as ``create_staff``, ``update_staff_details`` and ``record_assignment``.
    Returns "created", "updated" or "unchanged" for each entry, in order.

    The queries do not grow with the number of entries (a few per 1,000): the directory
    is read once and written in batches, so a 10,000-line roster takes seconds, not the
    minutes of one entry at a time (16 queries a line)."""
    User = get_user_model()
    departments = departments_by_name(entry.department for entry in entries)
    existing: dict[str, Staff] = {}
    for chunk in chunks([entry.employee_id for entry in entries]):
        existing.update(
            (staff.employee_id, staff)
            for staff in Staff.objects.select_related("user").filter(employee_id__in=chunk)
        )
    histories: dict[int, list[Assignment]] = {staff.pk: [] for staff in existing.values()}
    for chunk in chunks(list(histories)):
        for assignment in Assignment.objects.filter(staff__in=chunk).order_by("effective_from"):
            histories[assignment.staff_id].append(assignment)

    actions: list[str] = []
    new_users, new_staff, new_assignments = [], [], []
    changed_users, changed_staff, changed_assignments = [], [], []
    for entry in entries:
        department = departments[entry.department.strip()]
        staff = existing.get(entry.employee_id)
        if staff is None:
            user = User(email=entry.email, is_active=entry.active)
            user.set_unusable_password()
            staff = Staff(
                user=user, employee_id=entry.employee_id, name=entry.name, active=entry.active
            )
            new_users.append(user)
            new_staff.append(staff)
            new_assignments.append(
                Assignment(
                    staff=staff,
                    role=entry.role,
                    department=department,
                    effective_from=entry.effective_from,
                )
            )
            actions.append("created")
            continue
        details = False
        if (staff.name, staff.active) != (entry.name, entry.active):
            staff.name, staff.active = entry.name, entry.active
            changed_staff.append(staff)
            details = True
        user = staff.user
        if (user.email, user.is_active) != (entry.email, entry.active):
            user.email, user.is_active = entry.email, entry.active
            changed_users.append(user)
            details = True
        history = histories[staff.pk]
        current = _in_force(history, entry.effective_from)
        moved = not (
            current and current.role == entry.role and current.department_id == department.pk
        )
        if moved and current and current.effective_from == entry.effective_from:
            current.role, current.department = entry.role, department
            changed_assignments.append(current)
        elif moved:
            new_assignments.append(
                Assignment(
                    staff=staff,
                    role=entry.role,
                    department=department,
                    effective_from=entry.effective_from,
                )
            )
        actions.append("updated" if details or moved else "unchanged")

    # The entries were validated when the file was read (lengths, choices, unique ids and
    # addresses across the file and against other accounts); the database constraints
    # still stand guard. full_clean without the per-row queries of FK and unique checks.
    User.objects.bulk_create(new_users, batch_size=WRITE_BATCH)
    for staff in new_staff:  # bulk_create takes the users' new keys from them
        staff.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    Staff.objects.bulk_create(new_staff, batch_size=WRITE_BATCH)
    for assignment in new_assignments:
        assignment.full_clean(
            exclude=["staff", "department"], validate_unique=False, validate_constraints=False
        )
    Assignment.objects.bulk_create(new_assignments, batch_size=WRITE_BATCH)
    Staff.objects.bulk_update(changed_staff, ["name", "active"], batch_size=WRITE_BATCH)
    User.objects.bulk_update(changed_users, ["email", "is_active"], batch_size=WRITE_BATCH)
    Assignment.objects.bulk_update(
        changed_assignments, ["role", "department"], batch_size=WRITE_BATCH
    )
    return actions
