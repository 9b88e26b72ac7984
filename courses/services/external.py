"""External training (派遣・外部研修): staff report it, HR approves or rejects it.
An approved report counts as a participation in the fiscal year of its date."""

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Course, ExternalTraining, ReviewStatus
from learning.closing import ensure_open
from learning.errors import Refused
from learning.models import Staff


class ExternalTrainingError(Refused):
    """A rule about external training was broken; the message is shown as it is."""


def report_external_training(
    *,
    staff: Staff,
    title: str,
    attended_on: dt.date,
    provider: str = "",
    course: Course | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> ExternalTraining:
    """Record a staff member's report, waiting for HR's review. A date in the future is refused."""
    today = today or timezone.localdate()
    if attended_on > today:
        raise ExternalTrainingError(_("The date of the training cannot be in the future."))
    ensure_open(attended_on)
    report = ExternalTraining(
        staff=staff,
        title=title.strip(),
        provider=provider.strip(),
        attended_on=attended_on,
        course=course,
        note=note.strip(),
        status=ReviewStatus.PENDING,
    )
    report.full_clean()
    report.save()
    return report


def review_external_training(
    *, report: ExternalTraining, approve: bool, reviewer: AbstractBaseUser
) -> ExternalTraining:
    """Approve (it counts from now on) or reject a pending report.

    Raises ``ExternalTrainingError`` when the report was already reviewed (also when two
    HR members review it at the same moment: the row is locked).
    """
    with transaction.atomic():
        locked = ExternalTraining.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReviewStatus.PENDING:
            raise ExternalTrainingError(_("This report has already been reviewed."))
        ensure_open(locked.attended_on)
        locked.status = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
        locked.reviewed_by = reviewer
        locked.reviewed_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return locked
