"""Closing a fiscal year: the snapshot, reopening, and the guard on dated records.

Records dated in a closed year cannot be added, changed or deleted. The guard sits on
``pre_save``/``pre_delete`` of the dated models listed in ``GUARDED`` so that every
path — pages, imports, the admin — is covered by one rule; views turn the error into
a message (``learning.middleware.ClosedYearMiddleware``).
"""

import datetime as dt

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from learning import fiscal

# model label → lookup (a date, datetime or fiscal-year number) that dates a record
GUARDED = {
    "courses.Session": "starts_at",
    "courses.Registration": "session__starts_at",
    "courses.Completion": "completed_on",
    "courses.ExternalTraining": "attended_on",
    "courses.Exemption": "fiscal_year",
    "courses.Target": "fiscal_year",
    "classes.SmartphoneClass": "starts_at",
    "classes.InstructorTraining": "held_on",
    "classes.ClassTarget": "fiscal_year",
    "support.SupportRecord": "date",
    "support.AccessVisit": "date",
    "support.CoverageTarget": "fiscal_year",
}
# Not guarded on purpose: citizens' sign-ups (their personal data must still be erased on
# time in a closed year; the counts are kept) and households (a household's status changes
# in the running year; coverage of closed years is read from their snapshots).


class FiscalYearClosed(ValidationError):
    """A change dated in a closed fiscal year."""

    def __init__(self, fy: int):
        self.fiscal_year = fy
        super().__init__(
            _(
                "%(year)s is closed: records dated in it cannot be added or changed. "
                "An administrator can reopen the year."
            )
            % {"year": fiscal.label(fy)},
            code="fiscal_year_closed",
        )


class ClosingError(Exception):
    pass


def closed_years() -> set[int]:
    from learning.models import FiscalYearClosing

    return set(
        FiscalYearClosing.objects.filter(reopened_at__isnull=True).values_list(
            "fiscal_year", flat=True
        )
    )


def _fy(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date):
        return fiscal.fiscal_year_of(value)
    return None


def _refuse_if_closed(value, closed: set[int]) -> None:
    fy = _fy(value)
    if fy is not None and fy in closed:
        raise FiscalYearClosed(fy)


def ensure_open(value) -> None:
    """Raise FiscalYearClosed when ``value`` (date, datetime or fiscal year) is in a closed year."""
    _refuse_if_closed(value, closed_years())


def _value_on(instance, lookup: str):
    value = instance
    for part in lookup.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _guard_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata restores backups as they were
        return
    closed = closed_years()
    if not closed:  # the usual case: one query and nothing more to look at
        return
    lookup = GUARDED[sender._meta.label]
    _refuse_if_closed(_value_on(instance, lookup), closed)
    if instance.pk is not None:
        # Moving a record out of a closed year changes that year too.
        stored = (
            sender._default_manager.filter(pk=instance.pk).values_list(lookup, flat=True).first()
        )
        _refuse_if_closed(stored, closed)


def _guard_delete(sender, instance, **kwargs):
    _refuse_if_closed(_value_on(instance, GUARDED[sender._meta.label]), closed_years())


def connect_guards() -> None:
    for label in GUARDED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        pre_save.connect(_guard_save, sender=model, dispatch_uid=f"closing-save-{label}")
        pre_delete.connect(_guard_delete, sender=model, dispatch_uid=f"closing-delete-{label}")


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


def check_row_date(value, *, closed: set[int]) -> None:
    """For imports (``closed`` = ``closed_years()`` read once): a row dated in a closed year
    becomes a ``line N:`` error instead of a failure half-way through the file."""
    from learning.csvimport import RowError

    try:
        _refuse_if_closed(value, closed)
    except FiscalYearClosed as refused:
        raise RowError(refused.messages[0]) from None
