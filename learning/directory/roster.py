"""HR's roster import: upsert staff by employee id, all or nothing."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.csvimport import (
    Column,
    Row,
    RowError,
    duplicate_errors,
    parse_all,
    parse_bool,
    parse_choice,
    parse_date,
    raise_if_errors,
    read_rows,
    reject_formula,
)
from learning.directory.services import (
    create_staff,
    get_or_create_department,
    record_assignment,
    update_staff_details,
)
from learning.models import ROLE_SPELLINGS, Role, Staff

COLUMNS = (
    Column("employee_id", ("職員番号",)),
    Column("name", ("氏名",)),
    Column("email", ("メールアドレス", "メール", "e-mail")),
    Column("department", ("所属",)),
    Column("role", ("職責",)),
    Column("effective_from", ("適用日",), required=False),
    Column("active", ("在職",), required=False),
)


@dataclass(frozen=True)
class RosterLine:
    employee_id: str
    name: str
    email: str
    department: str
    role: Role
    effective_from: dt.date
    active: bool


@dataclass
class RosterOutcome:
    line: int
    employee_id: str
    name: str
    action: str  # "created" | "updated" | "unchanged"


@dataclass
class RosterResult:
    outcomes: list[RosterOutcome] = field(default_factory=list)
    dry_run: bool = False

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


def _parse(row: Row, *, today: dt.date) -> RosterLine:
    employee_id = reject_formula(row.code("employee_id"), column=_("employee id"))
    if not employee_id:
        raise RowError(_("employee id is empty"))
    if len(employee_id) > 20:
        raise RowError(_("employee id is longer than 20 characters"))
    name = reject_formula(row.get("name"), column=_("name"))
    if not name:
        raise RowError(_("name is empty"))
    email = row.code("email").lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RowError(_("“%(email)s” is not an e-mail address") % {"email": email}) from None
    department = reject_formula(row.get("department"), column=_("department"))
    if not department:
        raise RowError(_("department is empty"))
    role = parse_choice(row.get("role"), column=_("role"), choices=ROLE_SPELLINGS)
    effective_from = parse_date(
        row.get("effective_from"), column=_("effective from"), default=today
    )
    active = parse_bool(
        row.get("active"),
        column=_("in service"),
        default=True,
        extra_true=("在職",),
        extra_false=("退職",),
    )
    return RosterLine(
        employee_id, name[:100], email, department[:100], Role(role), effective_from, active
    )


def _file_errors(parsed: list[tuple[Row, RosterLine]]) -> list[tuple[int, str]]:
    """Problems that span rows or touch the database: duplicates and e-mails taken by others."""
    errors = duplicate_errors(
        parsed,
        lambda line: line.employee_id,
        _("employee id %(value)s already appears on line %(line)d"),
    )
    errors += duplicate_errors(
        parsed, lambda line: line.email, _("e-mail %(value)s already appears on line %(line)d")
    )
    emails = [line.email for _row, line in parsed]
    owners = dict(
        get_user_model().objects.filter(email__in=emails).values_list("email", "staff__employee_id")
    )
    for row, line in parsed:
        if line.email in owners and owners[line.email] != line.employee_id:
            errors.append(
                (row.line, _("e-mail %(email)s belongs to another account") % {"email": line.email})
            )
    return errors


def import_roster(
    *, data: bytes, dry_run: bool = False, today: dt.date | None = None, progress=None
) -> RosterResult:
    """Create or update staff from a roster CSV. Raises ImportFailed (nothing written)
    when any row is bad; with ``dry_run`` computes the same result and rolls back."""
    today = today or timezone.localdate()
    rows = read_rows(data, COLUMNS)
    parsed, errors = parse_all(rows, lambda row: _parse(row, today=today))
    raise_if_errors(errors + _file_errors(parsed))
    result = RosterResult(dry_run=dry_run)
    with transaction.atomic():
        existing = {
            s.employee_id: s
            for s in Staff.objects.select_related("user").filter(
                employee_id__in=[line.employee_id for _row, line in parsed]
            )
        }
        for row, line in parsed:
            department, _created = get_or_create_department(name=line.department)
            staff = existing.get(line.employee_id)
            if staff is None:
                create_staff(
                    employee_id=line.employee_id,
                    name=line.name,
                    email=line.email,
                    role=line.role,
                    department=department,
                    effective_from=line.effective_from,
                    active=line.active,
                )
                action = "created"
            else:
                details = update_staff_details(
                    staff=staff, name=line.name, email=line.email, active=line.active
                )
                history = record_assignment(
                    staff=staff,
                    role=line.role,
                    department=department,
                    effective_from=line.effective_from,
                )
                action = "updated" if details or history else "unchanged"
            result.outcomes.append(RosterOutcome(row.line, line.employee_id, line.name, action))
            if progress is not None:
                progress(len(result.outcomes), len(parsed))
        if dry_run:
            transaction.set_rollback(True)
    return result
