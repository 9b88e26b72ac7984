"""Citizens' names and contacts are kept only as long as the class needs them."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from classes.models import SignUp


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.datetime
    signups: int
    classes: int


def purge_personal_data(*, days: int, now: dt.datetime | None = None) -> PurgeResult:
    """Erase name, phone and e-mail of every sign-up whose class ended more than ``days``
    days ago. Rows, statuses, age bands and attendance stay, so counts do not change.
    Running it again erases nothing new."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        due = SignUp.objects.filter(erased_at__isnull=True, smartphone_class__ends_at__lt=cutoff)
        classes = due.values("smartphone_class").distinct().count()
        signups = due.update(name="", phone="", email="", erased_at=now)
    return PurgeResult(cutoff=cutoff, signups=signups, classes=classes)
