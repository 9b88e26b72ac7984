"""Centre staff keep their centre's public facts up to date."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from classes.models import Centre, Town
from classes.services import ClassesError

# What centre staff may change (the name, address in the web page, kind and staff are the
# administrators').
PUBLIC_FIELDS = (
    "name_kana",
    "address",
    "latitude",
    "longitude",
    "phone",
    "open_days",
    "opens_at",
    "closes_at",
    "hours_note",
    "access",
    "parking",
    "barrier_free",
)


def update_centre(*, centre: Centre, towns: list[str] | None = None, **changes) -> Centre:
    """Change a centre's public facts and, with ``towns``, the towns it serves (in that
    order). Raises ClassesError when a town is already another centre's."""
    unknown = set(changes) - set(PUBLIC_FIELDS)
    if unknown:
        raise TypeError(f"cannot change {sorted(unknown)}")
    with transaction.atomic():
        locked = Centre.objects.select_for_update().get(pk=centre.pk)
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, changes[name])
        if changed:
            locked.full_clean()
            locked.save(update_fields=changed)
        if towns is not None:
            _set_towns(locked, towns)
    return locked


def _set_towns(centre: Centre, names: list[str]) -> None:
    centre.towns.exclude(name__in=names).delete()
    known = {town.name: town for town in centre.towns.all()}
    try:
        with transaction.atomic():
            for position, name in enumerate(names):
                town = known.get(name)
                if town is None:
                    Town.objects.create(centre=centre, name=name, position=position)
                elif town.position != position:
                    town.position = position
                    town.save(update_fields=["position"])
    except IntegrityError:  # another centre took the town meanwhile (names are unique)
        raise ClassesError(
            _("One of these towns is already served by another centre. Please check the list.")
        ) from None
