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
    parse_text,
    raise_if_errors,
    read_rows,
    reject_formula,
)
from learning.directory.services import chunks, sync_staff
from learning.models import ROLE_SPELLINGS, Role

COLUMNS = (
    Column("employee_id", ("職員番号",)),
    Column("name", ("氏名",)),
    Column("email", ("メールアドレス", "メール", "e-mail")),
    Column("department", ("所属",)),
    Column("role", ("職責",)),
    Column("effective_from", ("適用日",), required=False),
    Column("active", ("在職",), required=False),
)
EMAIL_MAX_LENGTH = 254  # User.email


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


def _employee_id(value: str) -> str:
    value = reject_formula(value, column=_("employee id"))
    if not value:
        raise RowError(_("employee id is empty"))
    if len(value) > 20:
        raise RowError(_("employee id is longer than 20 characters"))
    return value


def _email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        raise RowError(_("“%(email)s” is not an e-mail address") % {"email": value}) from None
    if len(value) > EMAIL_MAX_LENGTH:
        raise RowError(
            _("%(column)s is longer than %(max)d characters")
            % {"column": _("e-mail"), "max": EMAIL_MAX_LENGTH}
        )
    return value


def _parse(row: Row, *, today: dt.date) -> RosterLine | None:
    """The row's staff member, or None with every problem of the row in ``row.problems``."""
    values = (
        row.check(_employee_id, row.code("employee_id")),
        row.check(parse_text, row.get("name"), column=_("name"), max_length=100, required=True),
        row.check(_email, row.code("email").lower()),
        row.check(
            parse_text,
            row.get("department"),
            column=_("department"),
            max_length=100,
            required=True,
        ),
        row.check(parse_choice, row.get("role"), column=_("role"), choices=ROLE_SPELLINGS),
        row.check(parse_date, row.get("effective_from"), column=_("effective from"), default=today),
        row.check(
            parse_bool,
            row.get("active"),
            column=_("in service"),
            default=True,
            extra_true=("在職",),
            extra_false=("退職",),
        ),
    )
    if row.problems:
        return None
    employee_id, name, email, department, role, effective_from, active = values
    return RosterLine(employee_id, name, email, department, Role(role), effective_from, active)


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
    owners = {}
    for chunk in chunks([line.email for _row, line in parsed]):
        owners.update(
            get_user_model()
            .objects.filter(email__in=chunk)
            .values_list("email", "staff__employee_id")
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
    lines = [line for _row, line in parsed]
    with transaction.atomic():
        actions = sync_staff(entries=lines)
        for done, ((row, line), action) in enumerate(zip(parsed, actions, strict=True), 1):
            result.outcomes.append(RosterOutcome(row.line, line.employee_id, line.name, action))
            if progress is not None:
                progress(done, len(parsed))
        if dry_run:
            transaction.set_rollback(True)
    return result
