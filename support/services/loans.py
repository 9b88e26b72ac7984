"""Device loans and free ICT access-place visits; both are also support records."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from support.models import AccessPlace, AccessVisit, Device, Household, Loan, SupportKind
from support.services import SupportError
from support.services.households import record_support


def lend_device(
    *,
    device: Device,
    household: Household,
    lent_on: dt.date,
    due_on: dt.date,
    staff=None,
    note: str = "",
    created_by=None,
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
        record = record_support(
            household=household,
            date=lent_on,
            kind=SupportKind.DEVICE_LOAN,
            staff=staff,
            note=note,
            created_by=created_by,
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
    return loan


def return_device(*, loan: Loan, returned_on: dt.date) -> Loan:
    if loan.returned_on is not None:
        raise SupportError(_("This device has already been returned."))
    if returned_on < loan.lent_on:
        raise SupportError(_("A device cannot be returned before it was lent."))
    loan.returned_on = returned_on
    loan.save(update_fields=["returned_on"])
    return loan


def record_visitor_count(*, place: AccessPlace, date: dt.date, visitors: int) -> AccessVisit:
    """Set the number of visitors (not tied to a household) at ``place`` on ``date``."""
    if visitors < 0:
        raise SupportError(_("The number of visitors cannot be negative."))
    visit, _created = AccessVisit.objects.update_or_create(
        place=place, date=date, household=None, defaults={"visitors": visitors}
    )
    return visit


def record_household_visit(
    *, place: AccessPlace, date: dt.date, household: Household, staff=None, created_by=None
) -> AccessVisit:
    """A household used the place: one visit and one support record (kind access_place)."""
    with transaction.atomic():
        record = record_support(
            household=household,
            date=date,
            kind=SupportKind.ACCESS_PLACE,
            staff=staff,
            note=str(place),
            created_by=created_by,
        )
        return AccessVisit.objects.create(
            place=place, date=date, household=household, visitors=1, support_record=record
        )
