"""Citizens' names and contacts are kept only as long as the class needs them."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from classes.models import SignUp
from learning import jobs, mail


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.datetime
    signups: int
    classes: int
    mails: int = 0
    import_jobs: int = 0


def purge_personal_data(*, days: int, now: dt.datetime | None = None) -> PurgeResult:
    """Erase name, phone and e-mail of every sign-up whose class ended more than ``days``
    days ago, with every queued or sent mail about those sign-ups (mail bodies hold names
    and addresses). Rows, statuses, age bands and attendance stay, so counts do not change.
    Uploaded import files past their keeping time are deleted too. Running it again
    erases nothing new."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        due = SignUp.objects.filter(erased_at__isnull=True, smartphone_class__ends_at__lt=cutoff)
        classes = due.values("smartphone_class").distinct().count()
        mails = mail.erase_mail_about(SignUp.objects.filter(smartphone_class__ends_at__lt=cutoff))
        signups = due.update(name="", phone="", email="", erased_at=now)
        import_jobs = jobs.delete_expired(now=now)
    return PurgeResult(
        cutoff=cutoff, signups=signups, classes=classes, mails=mails, import_jobs=import_jobs
    )
