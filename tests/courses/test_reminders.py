import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from courses.models import BehindReminder, RegistrationStatus, SessionStatus
from courses.services.reminders import send_reminders
from learning.fiscal import TOKYO
from learning.models import Role
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


def tomorrow_at(hour):
    return dt.datetime(2026, 11, 26, hour, tzinfo=TOKYO)


def test_staff_behind_their_target_get_one_reminder_a_month():
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


def test_registrants_are_reminded_the_day_before_only_once():
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


def test_a_failed_mail_is_retried_on_the_next_run(settings):
    session = SessionFactory(starts_at=tomorrow_at(10))
    registration = RegistrationFactory(
        session=session, staff=StaffFactory(assignment__role=Role.GENERAL)
    )
    settings.MAILERS = {"default": {"BACKEND": "tests.courses.test_reminders.FailingBackend"}}
    counts = send_reminders()
    assert (counts.sessions, counts.behind, counts.failed) == (0, 0, 2)
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None
    assert not BehindReminder.objects.exists()


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
    assert "session reminders sent: 1" in out
    assert "behind-target reminders sent: 1" in out
