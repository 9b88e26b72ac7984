"""The daily call list: centre staff phone citizens without e-mail and tick 連絡済み."""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from classes.models import PhoneCall, SignUp


def record_call(
    *, signup: SignUp, reasons: Iterable[str], by, now: dt.datetime | None = None
) -> list[PhoneCall]:
    """Tick 連絡済み for ``reasons`` (PhoneCall.Reason): who called and when. A reason
    already ticked keeps its first tick."""
    now = now or timezone.now()
    calls = []
    for reason in dict.fromkeys(PhoneCall.Reason(reason) for reason in reasons):
        try:
            with transaction.atomic():
                call, _created = PhoneCall.objects.get_or_create(
                    signup=signup, reason=reason, defaults={"called_at": now, "called_by": by}
                )
        except IntegrityError:  # ticked by a colleague at the same moment
            call = PhoneCall.objects.get(signup=signup, reason=reason)
        calls.append(call)
    return calls


def undo_call(*, signup: SignUp, reasons: Iterable[str]) -> None:
    """Take a tick back (ticked by mistake)."""
    PhoneCall.objects.filter(signup=signup, reason__in=list(reasons)).delete()
