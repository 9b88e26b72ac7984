"""Reminder e-mails, sent by the daily ``send_reminders`` cron job.

- Staff behind their target in the running year get at most one reminder a month
  (a ``BehindReminder`` row per person and month, unique in the database).
- Confirmed registrants get one reminder the day before a session
  (``Registration.reminder_sent_at``, claimed with a conditional update).

Running the job twice, or two jobs at once, never sends anything twice. A mail that
fails to send is released again, so the next run retries it.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from courses.models import BehindReminder, Registration, RegistrationStatus, SessionStatus
from courses.selectors.compliance import ComplianceRow, compliance_rows
from learning import fiscal
from learning.links import site_root

logger = logging.getLogger(__name__)


@dataclass
class ReminderCounts:
    behind: int = 0
    sessions: int = 0
    failed: int = 0


def _render_mail(template: str, context: dict, to: str) -> EmailMessage:
    context = {**context, "site_url": site_root()}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"courses/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


def send_behind_target_reminders(*, today: dt.date | None = None) -> tuple[int, int]:
    """E-mail every judged (not exempt) staff member of the running year who has not met
    the target yet, unless they were reminded this month. Returns (sent, failed)."""
    today = today or timezone.localdate(timezone=fiscal.TOKYO)
    fy = fiscal.fiscal_year_of(today)
    period = f"{today:%Y-%m}"
    already = set(
        BehindReminder.objects.filter(fiscal_year=fy, period=period).values_list(
            "staff_id", flat=True
        )
    )
    behind: list[ComplianceRow] = [
        row
        for row in compliance_rows(fy=fy, with_summary=False, with_email=True).rows
        if row.target is not None and not row.met and row.email and row.staff_id not in already
    ]
    sent = failed = 0
    for row in behind:
        try:
            with transaction.atomic():
                claim = BehindReminder.objects.create(
                    staff_id=row.staff_id, fiscal_year=fy, period=period
                )
        except IntegrityError:
            continue  # another run reminded them a moment ago
        message = _render_mail(
            "reminder_behind",
            {"row": row, "fy": fy, "fy_label": fiscal.label(fy), "last_day": fiscal.last_day(fy)},
            row.email,
        )
        try:
            message.send()
        except Exception:
            logger.exception("behind-target reminder to staff %s failed", row.staff_id)
            claim.delete()  # retried by the next run
            failed += 1
        else:
            sent += 1
    return sent, failed


def send_session_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """E-mail confirmed registrants of tomorrow's scheduled sessions (Asia/Tokyo), once each.
    Returns (sent, failed)."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now, fiscal.TOKYO).date() + dt.timedelta(days=1)
    start = dt.datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=fiscal.TOKYO)
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            session__status=SessionStatus.SCHEDULED,
            session__starts_at__gte=start,
            session__starts_at__lt=start + dt.timedelta(days=1),
        )
        .select_related("session__course", "staff__user")
        .order_by("session__starts_at", "pk")
    )
    sent = failed = 0
    for registration in due:
        # Claim the row first: a concurrent run that claimed it updates nothing here.
        claimed = Registration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            continue
        message = _render_mail(
            "reminder_session",
            {
                "registration": registration,
                "session": registration.session,
                "staff": registration.staff,
            },
            registration.staff.user.email,
        )
        try:
            message.send()
        except Exception:
            logger.exception("session reminder for registration %s failed", registration.pk)
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            failed += 1
        else:
            sent += 1
    return sent, failed


def send_reminders(*, now: dt.datetime | None = None) -> ReminderCounts:
    """Both kinds of reminder; safe to run daily (or more often) from cron."""
    now = now or timezone.now()
    behind, behind_failed = send_behind_target_reminders(
        today=timezone.localtime(now, fiscal.TOKYO).date()
    )
    sessions, sessions_failed = send_session_reminders(now=now)
    return ReminderCounts(behind=behind, sessions=sessions, failed=behind_failed + sessions_failed)
