"""Permission-checked fetchers for centre staff: views never fetch a managed class or
sign-up any other way. Centre staff manage the centres they are listed on; administrators
manage every centre."""

from django.db.models import QuerySet
from django.http import Http404

from classes.models import Centre, SignUp, SmartphoneClass
from classes.selectors import with_seat_counts
from learning.permissions import Permission, require


def managed_centres(*, user) -> QuerySet[Centre]:
    """The centres ``user`` may manage: every centre for administrators."""
    require(user, Permission.MANAGE_CLASSES)
    if user.is_superuser:
        return Centre.objects.all()
    return Centre.objects.filter(staff=user)


def managed_classes(*, user) -> QuerySet[SmartphoneClass]:
    return with_seat_counts(
        SmartphoneClass.objects.filter(centre__in=managed_centres(user=user)).select_related(
            "centre"
        )
    )


def access_managed_class(*, user, pk: int) -> SmartphoneClass:
    """A class of one of ``user``'s centres, or 404 (403 without the duty)."""
    found = managed_classes(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_managed_signup(*, user, smartphone_class: SmartphoneClass, pk: int) -> SignUp:
    """A sign-up of a class already fetched with ``access_managed_class``, or 404."""
    found = smartphone_class.signups.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_managed_centre(*, user, slug: str) -> Centre:
    """One of ``user``'s centres, by its slug, or 404 (403 without the duty)."""
    found = managed_centres(user=user).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def access_managed_signup_by_pk(*, user, pk: int) -> SignUp:
    """A sign-up in a class of one of ``user``'s centres (for the call list), or 404."""
    found = (
        SignUp.objects.filter(pk=pk, smartphone_class__centre__in=managed_centres(user=user))
        .select_related("smartphone_class__centre")
        .first()
    )
    if found is None:
        raise Http404
    return found
