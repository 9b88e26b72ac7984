"""Writes to exemptions: HR's decision that a person is not judged for a fiscal year."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import Exemption
from learning.closing import ensure_open
from learning.errors import Refused
from learning.models import Staff


class ExemptionError(Refused):
    """An exemption rule was broken; the message is shown to the user as it is."""


def exempt_staff(
    *, staff: Staff, fiscal_year: int, reason: str, recorded_by: AbstractBaseUser | None = None
) -> Exemption:
    """Mark ``staff`` exempt for ``fiscal_year`` (long leave, 休職・育児休業).

    Raises ``ExemptionError`` if the person is already exempt that year or the reason is empty.
    """
    ensure_open(fiscal_year)
    reason = reason.strip()
    if not reason:
        raise ExemptionError(_("Give the reason for the exemption."))
    if Exemption.objects.filter(staff=staff, fiscal_year=fiscal_year).exists():
        raise ExemptionError(_("This person is already exempt for that year."))
    exemption = Exemption(
        staff=staff, fiscal_year=fiscal_year, reason=reason, created_by=recorded_by
    )
    exemption.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            exemption.save()
    except IntegrityError:
        raise ExemptionError(_("This person is already exempt for that year.")) from None
    return exemption


def remove_exemption(*, exemption: Exemption) -> None:
    """The person is judged again for that year like everyone else."""
    ensure_open(exemption.fiscal_year)
    exemption.delete()
