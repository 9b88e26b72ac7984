"""Device loans and free ICT access-place visits; both are also support records."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from learning.closing import ensure_open
from support.models import (
    AccessPlace,
    AccessVisit,
    AuditAction,
    Device,
    Household,
    Loan,
    SupportKind,
)
from support.services import SupportError
from support.services.audit import Actor, record_change
from support.services.households import new_support_record


def lend_device(
    *,
    actor: Actor,
    device: Device,
    household: Household,
    lent_on: dt.date,
    due_on: dt.date,
    staff=None,
    note: str = "",
) -> Loan:
    """Lend ``device`` to ``household``: a loan and its support record, together or not at all."""
    if due_on < lent_on:
        raise SupportError(_("The due date cannot be before the day of the loan."))
    with transaction.atomic():
        # Lock the device first, then check: two staff lending it at once queue here.
        device = Device.objects.select_for_update().get(pk=device.pk)
        if not device.in_service:
            raise SupportError(_("This device is not in service."))
        if device.loans.filter(returned_on__isnull=True).exists():
            raise SupportError(_("This device is already lent out."))
        record = new_support_record(
            actor=actor,
            household=household,
            date=lent_on,
            kind=SupportKind.DEVICE_LOAN,
            staff=staff,
            note=note,
        )
        loan = Loan(
            device=device,
            household=household,
            support_record=record,
            lent_on=lent_on,
            due_on=due_on,
        )
        loan.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                loan.save()
        except IntegrityError:
            raise SupportError(_("This device is already lent out.")) from None
        record_change(
            actor=actor,
            action=AuditAction.LEND,
            household=household,
            detail=f"{device.asset_tag} {lent_on:%Y-%m-%d}..{due_on:%Y-%m-%d}",
        )
    return loan


def return_device(*, actor: Actor, loan: Loan, returned_on: dt.date) -> Loan:
    """A loan comes back (also after its year was closed: the loan is not dated by it)."""
    if loan.returned_on is not None:
        raise SupportError(_("This device has already been returned."))
    if returned_on < loan.lent_on:
        raise SupportError(_("A device cannot be returned before it was lent."))
    loan.returned_on = returned_on
    with transaction.atomic():
        loan.save(update_fields=["returned_on"])
        record_change(
            actor=actor,
            action=AuditAction.RETURN,
            household=loan.household,
            detail=loan.device.asset_tag,
        )
    return loan


def record_visitor_count(*, place: AccessPlace, date: dt.date, visitors: int) -> AccessVisit:
    """Set the number of visitors (not tied to a household) at ``place`` on ``date``."""
    if visitors < 0:
        raise SupportError(_("The number of visitors cannot be negative."))
    ensure_open(date)
    visit, _created = AccessVisit.objects.update_or_create(
        place=place, date=date, household=None, defaults={"visitors": visitors}
    )
    return visit


def record_household_visit(
    *, actor: Actor, place: AccessPlace, date: dt.date, household: Household, staff=None
) -> AccessVisit:
    """A household used the place: one visit and one support record (kind access_place)."""
    with transaction.atomic():
        record = new_support_record(
            actor=actor,
            household=household,
            date=date,
            kind=SupportKind.ACCESS_PLACE,
            staff=staff,
            note=str(place),
        )
        visit = AccessVisit.objects.create(
            place=place, date=date, household=household, visitors=1, support_record=record
        )
        record_change(
            actor=actor,
            action=AuditAction.ADD_SUPPORT,
            household=household,
            detail=f"{date:%Y-%m-%d} access_place {place.pk}",
        )
    return visit
