"""Permission-checked fetchers: views never fetch a household or a loan any other way.

Households are personal data: support staff and administrators only
(``Permission.SUPPORT_HOUSEHOLDS``). Without the permission the answer is 403; an unknown
or malformed key is 404."""

from django.http import Http404

from learning.permissions import Permission, require
from support.models import Household, Loan


def access_household(*, user, pk) -> Household:
    """The household ``pk`` if ``user`` may see it; PermissionDenied or Http404 otherwise."""
    require(user, Permission.SUPPORT_HOUSEHOLDS)
    try:
        return Household.objects.select_related("district").get(pk=int(pk))
    except (Household.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_loan(*, user, pk) -> Loan:
    require(user, Permission.SUPPORT_HOUSEHOLDS)
    try:
        return Loan.objects.select_related("device", "household").get(pk=int(pk))
    except (Loan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
