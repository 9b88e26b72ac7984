import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from courses.models import BehindReminder, RegistrationStatus, SessionStatus
from courses.services import reminders
from learning import mail as mail_queue
from learning.fiscal import TOKYO
from learning.models import MailStatus, OutgoingMail, Role
from tests.courses.factories import (
    CompletionFactory,
    ExemptionFactory,
    RegistrationFactory,
    SecurityCourseFactory,
    SessionFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 7, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def send_reminders(django_capture_on_commit_callbacks):
    """The job as cron runs it: its commits enqueue the mails, which the test backend sends."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders()

    return run


def tomorrow_at(hour):
    return dt.datetime(2026, 11, 26, hour, tzinfo=TOKYO)


def test_staff_behind_their_target_get_one_reminder_a_month(send_reminders):
    behind = StaffFactory(assignment__role=Role.LEADER)
    on_track = StaffFactory(assignment__role=Role.GENERAL)
    CompletionFactory(
        staff=on_track, course=SecurityCourseFactory(), completed_on=dt.date(2026, 6, 1)
    )
    ExemptionFactory(staff=StaffFactory(assignment__role=Role.LEADER), fiscal_year=2026)
    StaffFactory(active=False, assignment__role=Role.LEADER)

    first = send_reminders()
    assert first.behind == 1
    assert [m.to for m in mail.outbox] == [[behind.user.email]]
    assert "令和8年度" in mail.outbox[0].subject
    assert "0 / 4" in mail.outbox[0].body

    assert send_reminders().behind == 0  # the same day again
    with time_machine.travel(NOW + dt.timedelta(days=20), tick=False):  # next month
        assert send_reminders().behind == 1
    assert BehindReminder.objects.filter(staff=behind).count() == 2


def test_registrants_are_reminded_the_day_before_only_once(send_reminders):
    session = SessionFactory(starts_at=tomorrow_at(10))
    confirmed = RegistrationFactory(session=session)
    RegistrationFactory(session=session, status=RegistrationStatus.WAITING)
    RegistrationFactory(session=SessionFactory(starts_at=tomorrow_at(10) + dt.timedelta(days=2)))
    RegistrationFactory(
        session=SessionFactory(starts_at=tomorrow_at(14), status=SessionStatus.CANCELLED)
    )

    counts = send_reminders()
    session_mails = [m for m in mail.outbox if "明日" in m.subject]
    assert counts.sessions == 1
    assert [m.to for m in session_mails] == [[confirmed.staff.user.email]]
    assert session.course.title in session_mails[0].body
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None

    assert send_reminders().sessions == 0


def test_a_mail_that_fails_stays_queued_and_is_not_claimed_twice(settings, send_reminders):
    session = SessionFactory(starts_at=tomorrow_at(10))
    registration = RegistrationFactory(
        session=session, staff=StaffFactory(assignment__role=Role.GENERAL)
    )
    settings.MAILERS = {"default": {"BACKEND": "tests.courses.test_reminders.FailingBackend"}}
    counts = send_reminders()
    assert (counts.sessions, counts.behind) == (1, 1)
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None
    assert BehindReminder.objects.count() == 1
    queued = OutgoingMail.objects.all()
    assert {(m.status, m.attempts) for m in queued} == {(MailStatus.QUEUED, 1)}
    assert all("SMTP server down" in m.last_error for m in queued)

    assert (send_reminders().sessions, send_reminders().behind) == (0, 0)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        assert mail_queue.retry_due_mail() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [registration.staff.user.email, registration.staff.user.email]
    )
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP server down")

    def close(self):
        pass

    def open(self):
        pass


def test_the_command_prints_counts(capsys):
    RegistrationFactory(session=SessionFactory(starts_at=tomorrow_at(9)))
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "session reminders queued: 1" in out
    assert "behind-target reminders queued: 1" in out
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == len(mail.outbox) == 2
