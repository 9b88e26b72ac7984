"""Closing a fiscal year: the snapshot, reopening, and the guard on dated records.

A closed year's records cannot be added, changed or deleted. Models take part by
declaring what dates them::

    class Session(FiscallyDated, models.Model):
        fiscal_date_field = "starts_at"  # a date, an aware datetime, a fiscal-year number,
                                         # or one foreign-key hop: "session__starts_at"

The guard has two layers, both read from those declarations (the core lists no models):

1. **Services check explicitly**, once per transaction: ``ensure_open(value)`` for one
   record, ``year_guard()`` for many (imports, bulk attendance, copying targets). The
   refusal is ``FiscalYearClosed``, a ``Refused`` the view shows next to what was refused.
2. **The database refuses** inserts, updates and deletes of rows dated in a closed year
   (a trigger per dated table, on PostgreSQL and SQLite alike), so ``bulk_create``,
   queryset ``update()``, raw SQL and the admin cannot slip past. The triggers are
   (re)installed after every ``migrate`` and taken down before it. ``loaddata`` and
   ``flush`` suspend them inside their transaction, so a backup of a closed year restores.

Not guarded on purpose: citizens' sign-ups (their personal data must still be erased on
time in a closed year; the counts are kept) and households (a household's status changes
in the running year; coverage of closed years is read from their snapshots).
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import DateField, DateTimeField, ForeignKey
from django.utils import timezone
from django.utils.translation import gettext as _

from learning import fiscal
from learning.errors import Refused

TRIGGER_PREFIX = "learning_closed_year"
REFUSAL_MARKER = "learning.closed_year"


class FiscallyDated:
    """Mixin for models whose rows belong to a fiscal year: set ``fiscal_date_field``."""

    fiscal_date_field: ClassVar[str]


class FiscalYearClosed(ValidationError, Refused):
    """A change dated in a closed fiscal year (``fiscal_year`` None: the database refused
    it without saying which year)."""

    def __init__(self, fy: int | None):
        self.fiscal_year = fy
        if fy is None:
            message = _(
                "The fiscal year of this record is closed: records dated in it cannot be added "
                "or changed. An administrator can reopen the year."
            )
        else:
            message = _(
                "%(year)s is closed: records dated in it cannot be added or changed. "
                "An administrator can reopen the year."
            ) % {"year": fiscal.label(fy)}
        super().__init__(message, code="fiscal_year_closed")

    def __str__(self) -> str:
        return self.messages[0]


class ClosingError(Refused):
    pass


def dated_models() -> list[type]:
    """Every installed model that declares what dates it."""
    return [model for model in apps.get_models() if issubclass(model, FiscallyDated)]


def closed_years() -> frozenset[int]:
    from learning.models import FiscalYearClosing

    return frozenset(
        FiscalYearClosing.objects.filter(reopened_at__isnull=True).values_list(
            "fiscal_year", flat=True
        )
    )


def _fy(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date):  # a datetime is a date too
        return fiscal.fiscal_year_of(value)
    raise TypeError(f"cannot date {value!r} in a fiscal year")


@dataclass(frozen=True)
class YearGuard:
    """The closed years, read once: check as many dates as a transaction touches."""

    closed: frozenset[int]

    def check(self, *values) -> None:
        """Raise FiscalYearClosed if any value (date, aware datetime or fiscal year) falls
        in a closed year."""
        for value in values:
            fy = _fy(value)
            if fy is not None and fy in self.closed:
                raise FiscalYearClosed(fy)

    def check_row(self, value) -> None:
        """For imports: the refusal as a ``RowError``, so the file reports it as
        ``N行目:`` with every other problem instead of stopping half-way."""
        from learning.csvimport import RowError

        try:
            self.check(value)
        except FiscalYearClosed as refused:
            raise RowError(str(refused)) from None


def year_guard() -> YearGuard:
    return YearGuard(closed_years())


def ensure_open(*values) -> None:
    """Raise FiscalYearClosed when a value (date, datetime or fiscal year) is in a closed
    year: one query, however many values."""
    year_guard().check(*values)


def refusal(error: BaseException) -> FiscalYearClosed | None:
    """The closed-year refusal behind a database error raised by the triggers, if it is one."""
    if not isinstance(error, IntegrityError) or REFUSAL_MARKER not in str(error):
        return None
    text = str(error)
    tail = text[text.index(REFUSAL_MARKER) + len(REFUSAL_MARKER) :]
    digits = tail[1:5] if tail.startswith(":") else ""
    return FiscalYearClosed(int(digits) if digits.isdigit() else None)


# The database backstop --------------------------------------------------------------


@dataclass(frozen=True)
class _Dating:
    """Where a dated table finds its date: on the row, or one foreign-key hop away."""

    table: str
    kind: str  # "datetime" | "date" | "year"
    column: str  # on the row, or on the referenced row
    via_column: str = ""  # the row's foreign-key column, for one hop
    via_table: str = ""
    via_pk: str = ""

    def value(self, row: str, quote) -> str:
        if not self.via_column:
            return f"{row}.{quote(self.column)}"
        return (
            f"(SELECT {quote(self.column)} FROM {quote(self.via_table)} "
            f"WHERE {quote(self.via_pk)} = {row}.{quote(self.via_column)})"
        )


def _dating(model) -> _Dating:
    path = model.fiscal_date_field.split("__")
    if len(path) > 2:
        raise ValueError(f"{model.__name__}.fiscal_date_field: at most one foreign-key hop")
    field = model._meta.get_field(path[0])
    via = {}
    if len(path) == 2:
        if not isinstance(field, ForeignKey):
            raise ValueError(f"{model.__name__}.fiscal_date_field: {path[0]} is not a foreign key")
        target = field.related_model
        via = {
            "via_column": field.column,
            "via_table": target._meta.db_table,
            "via_pk": target._meta.pk.column,
        }
        field = target._meta.get_field(path[1])
    if isinstance(field, DateTimeField):
        kind = "datetime"
    elif isinstance(field, DateField):
        kind = "date"
    else:
        kind = "year"
    return _Dating(table=model._meta.db_table, kind=kind, column=field.column, **via)


def _fiscal_year_sql(vendor: str, dating: _Dating, row: str, quote) -> str:
    value = dating.value(row, quote)
    if dating.kind == "year":
        return value
    if vendor == "postgresql":
        local = f"({value} AT TIME ZONE 'Asia/Tokyo')" if dating.kind == "datetime" else value
        return f"(EXTRACT(YEAR FROM {local} - INTERVAL '3 months'))::integer"
    # SQLite keeps datetimes as UTC text; Tokyo is UTC+9 all year (no summer time).
    shift = ", '+9 hours'" if dating.kind == "datetime" else ""
    return (
        f"(CAST(strftime('%Y', {value}{shift}) AS INTEGER)"
        f" - (CAST(strftime('%m', {value}{shift}) AS INTEGER) < 4))"
    )


def _closed_sql(quote) -> str:
    from learning.models import FiscalYearClosing

    meta = FiscalYearClosing._meta
    return (
        f"SELECT {quote(meta.get_field('fiscal_year').column)} FROM {quote(meta.db_table)} "
        f"WHERE {quote(meta.get_field('reopened_at').column)} IS NULL"
    )


def _trigger_sql(connection, dating: _Dating) -> list[str]:
    quote = connection.ops.quote_name
    closed = _closed_sql(quote)
    table = quote(dating.table)
    name = f"{TRIGGER_PREFIX}_{dating.table}"
    if connection.vendor == "postgresql":
        old = _fiscal_year_sql("postgresql", dating, "OLD", quote)
        new = _fiscal_year_sql("postgresql", dating, "NEW", quote)
        return [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE fy integer;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    fy := {old};
    IF fy IN ({closed}) THEN
      RAISE EXCEPTION '{REFUSAL_MARKER}:%', fy USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    fy := {new};
    IF fy IN ({closed}) THEN
      RAISE EXCEPTION '{REFUSAL_MARKER}:%', fy USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$""",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    if connection.vendor == "sqlite":
        old = _fiscal_year_sql("sqlite", dating, "OLD", quote)
        new = _fiscal_year_sql("sqlite", dating, "NEW", quote)
        refuse = f"BEGIN SELECT RAISE(ABORT, '{REFUSAL_MARKER}'); END"
        return [
            f"CREATE TRIGGER {name}_insert BEFORE INSERT ON {table} "
            f"WHEN {new} IN ({closed}) {refuse}",
            f"CREATE TRIGGER {name}_update BEFORE UPDATE ON {table} "
            f"WHEN {old} IN ({closed}) OR {new} IN ({closed}) {refuse}",
            f"CREATE TRIGGER {name}_delete BEFORE DELETE ON {table} "
            f"WHEN {old} IN ({closed}) {refuse}",
        ]
    return []  # other databases: the service checks only


def _installed_triggers(connection) -> list[tuple[str, str]]:
    """(trigger, table) of the guards present in the database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
                "WHERE NOT tgisinternal AND tgname LIKE %s",
                [f"{TRIGGER_PREFIX}%"],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TRIGGER_PREFIX}%"],
            )
        else:
            return []
        return [(name, table) for name, table in cursor.fetchall()]


def uninstall_guards(*, using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, table in _installed_triggers(connection):
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")


def install_guards(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Put a trigger on every dated table (replacing what was there)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    uninstall_guards(using=using)
    with connection.cursor() as cursor:
        for model in dated_models():
            dating = _dating(model)
            if dating.table not in existing:
                continue
            for statement in _trigger_sql(connection, dating):
                cursor.execute(statement)


@contextmanager
def guards_suspended(*, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Inside one transaction, without the database triggers (for ``loaddata`` of a backup
    and ``flush``): they are back when the transaction ends, whatever happens."""
    with transaction.atomic(using=using):
        uninstall_guards(using=using)
        try:
            yield
        finally:
            install_guards(using=using)


def guarded_tables(*, using: str = DEFAULT_DB_ALIAS) -> set[str]:
    return {table for _name, table in _installed_triggers(connections[using])}


# Closing and reopening -------------------------------------------------------------


def close_fiscal_year(*, fy: int, by) -> "FiscalYearClosing":  # noqa: F821
    """Store the year's figures and refuse changes dated in it from now on."""
    from learning.models import FiscalYearClosing
    from learning.progress import compute_report

    if fy >= fiscal.current_fiscal_year():
        raise ClosingError(_("Only a fiscal year that has ended can be closed."))
    with transaction.atomic():
        if (
            FiscalYearClosing.objects.select_for_update()
            .filter(fiscal_year=fy, reopened_at__isnull=True)
            .exists()
        ):
            raise ClosingError(_("%(year)s is already closed.") % {"year": fiscal.label(fy)})
        snapshot = compute_report(fy).to_json()
        return FiscalYearClosing.objects.create(
            fiscal_year=fy, closed_at=timezone.now(), closed_by=by, snapshot=snapshot
        )


def reopen_fiscal_year(*, fy: int, by, reason: str) -> "FiscalYearClosing":  # noqa: F821
    from learning.models import FiscalYearClosing

    if not reason.strip():
        raise ClosingError(_("Give the reason for reopening the year."))
    with transaction.atomic():
        closing = (
            FiscalYearClosing.objects.select_for_update()
            .filter(fiscal_year=fy, reopened_at__isnull=True)
            .first()
        )
        if closing is None:
            raise ClosingError(_("%(year)s is not closed.") % {"year": fiscal.label(fy)})
        closing.reopened_at, closing.reopened_by, closing.reopen_reason = (
            timezone.now(),
            by,
            reason.strip(),
        )
        closing.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return closing


def years_of(values: Iterable) -> set[int]:
    """The fiscal years of dates, datetimes or year numbers (None skipped)."""
    return {fy for fy in map(_fy, values) if fy is not None}
