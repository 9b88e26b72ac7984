"""Households and the support given to them. Every write takes the ``actor`` and writes
its audit entry in the same transaction (``support.services.audit``)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning import fiscal
from learning.closing import ensure_open
from support.models import (
    AuditAction,
    ClosedReason,
    District,
    Household,
    HouseholdStatus,
    IdentifiedHow,
    Reason,
    SupportKind,
    SupportRecord,
)
from support.models.households import REASON_FIELDS
from support.services import SupportError
from support.services.audit import Actor, record_change

EDITABLE_FIELDS = (
    "reference",
    "district",
    "members",
    "identified_on",
    "identified_how",
    "consent_recorded",
    "contact_name",
    "phone",
    "address",
    "notes",
    *REASON_FIELDS.values(),
)


def next_reference(*, identified_on: dt.date) -> str:
    """S2026-00001: the next free number in the fiscal year the household was identified."""
    prefix = f"S{fiscal.fiscal_year_of(identified_on)}-"
    taken = Household.objects.filter(reference__startswith=prefix).count()
    number = taken + 1
    while Household.objects.filter(reference=f"{prefix}{number:05d}").exists():
        number += 1
    return f"{prefix}{number:05d}"


def reason_fields(reasons) -> dict[str, bool]:
    chosen = {Reason(reason) for reason in reasons}
    return {field: reason in chosen for reason, field in REASON_FIELDS.items()}


def create_household(
    *,
    actor: Actor,
    district: District,
    identified_on: dt.date,
    reference: str = "",
    members: int = 1,
    reasons=(),
    identified_how: str = IdentifiedHow.OTHER,
    consent_recorded: bool = False,
    contact_name: str = "",
    phone: str = "",
    address: str = "",
    notes: str = "",
) -> Household:
    """A new household needing support; a reference number is given when none is."""
    for _attempt in range(5):
        household = Household(
            reference=reference.strip() or next_reference(identified_on=identified_on),
            district=district,
            members=members,
            identified_on=identified_on,
            identified_how=identified_how,
            consent_recorded=consent_recorded,
            contact_name=contact_name,
            phone=phone,
            address=address,
            notes=notes,
            **reason_fields(reasons),
        )
        household.full_clean()
        try:
            with transaction.atomic():
                household.save()
                record_change(actor=actor, action=AuditAction.CREATE, household=household)
            return household
        except IntegrityError:
            if reference.strip():
                raise SupportError(
                    _("The reference number %(reference)s is already used.")
                    % {"reference": reference}
                ) from None
            # Someone took the generated number meanwhile: count again.
    raise SupportError(_("No free reference number could be given; please try again."))


def update_household(*, actor: Actor, household: Household, **changes) -> list[str]:
    """Apply ``changes`` (fields of EDITABLE_FIELDS, or ``reasons``); returns the changed names."""
    if "reasons" in changes:
        changes.update(reason_fields(changes.pop("reasons")))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(household, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(household, name, changes[name])
    household.full_clean()
    with transaction.atomic():
        household.save(update_fields=[*changed, "updated_at"])
        record_change(
            actor=actor, action=AuditAction.UPDATE, household=household, detail=", ".join(changed)
        )
    return changed


def close_household(
    *, actor: Actor, household: Household, closed_on: dt.date, reason: str
) -> Household:
    """Close a household. Its records stay: past years still count it."""
    if household.is_closed:
        raise SupportError(_("This household is already closed."))
    if closed_on < household.identified_on:
        raise SupportError(_("A household cannot be closed before the day it was identified."))
    household.status = HouseholdStatus.CLOSED
    household.closed_on = closed_on
    household.closed_reason = ClosedReason(reason)
    household.full_clean()
    with transaction.atomic():
        household.save(update_fields=["status", "closed_on", "closed_reason", "updated_at"])
        record_change(
            actor=actor,
            action=AuditAction.CLOSE,
            household=household,
            detail=f"{closed_on:%Y-%m-%d} {reason}",
        )
    return household


def reopen_household(*, actor: Actor, household: Household) -> Household:
    household.status = HouseholdStatus.NEEDS_SUPPORT
    household.closed_on = None
    household.closed_reason = ""
    household.full_clean()
    with transaction.atomic():
        household.save(update_fields=["status", "closed_on", "closed_reason", "updated_at"])
        record_change(actor=actor, action=AuditAction.REOPEN, household=household)
    return household


def record_support(
    *,
    actor: Actor,
    household: Household,
    date: dt.date,
    kind: str,
    staff=None,
    note: str = "",
    smartphone_class=None,
) -> SupportRecord:
    """One piece of help given to ``household`` on ``date``."""
    with transaction.atomic():
        record = new_support_record(
            actor=actor,
            household=household,
            date=date,
            kind=kind,
            staff=staff,
            note=note,
            smartphone_class=smartphone_class,
        )
        record_change(
            actor=actor,
            action=AuditAction.ADD_SUPPORT,
            household=household,
            detail=f"{record.date:%Y-%m-%d} {record.kind}",
        )
    return record


def new_support_record(
    *,
    actor: Actor,
    household: Household,
    date: dt.date,
    kind: str,
    staff=None,
    note: str = "",
    smartphone_class=None,
) -> SupportRecord:
    """The support record behind a loan, a visit or ``record_support``; the caller writes
    the audit entry for the whole action. Support is recorded once given: a day in the
    future is refused, so nothing counts toward coverage before it happened."""
    if date > timezone.localdate(timezone=fiscal.TOKYO):
        raise SupportError(_("Support can be recorded once it has been given, not in advance."))
    ensure_open(date)
    if household.is_closed and date > household.closed_on:
        raise SupportError(
            _("The household was closed on %(date)s; support after that cannot be recorded.")
            % {"date": fiscal.japanese_date(household.closed_on)}
        )
    record = SupportRecord(
        household=household,
        date=date,
        kind=SupportKind(kind),
        staff=staff,
        note=note,
        created_by=actor.user,
        smartphone_class=smartphone_class if kind == SupportKind.CLASS_REFERRAL else None,
    )
    record.full_clean()
    record.save()
    return record
