"""Calendar mail that calendar apps accept: every message about a session to one person has
a higher SEQUENCE than the ones before it and a DTSTAMP of when it was sent (RFC 5545/5546);
the private feed keeps stable bytes and is not cached by shared caches."""

import datetime as dt

import pytest
import time_machine
import vobject
from django.core import mail
from django.urls import reverse

from courses.services.registration import (
    cancel_registration,
    cancel_session,
    register_for_session,
)
from learning.directory.services import rotate_calendar_token
from learning.fiscal import TOKYO
from tests.courses.factories import SessionFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=TOKYO)


def sent_event(message):
    """(METHOD, SEQUENCE, DTSTAMP) of the calendar attached to ``message``."""
    _name, content, _mimetype = message.attachments[0]
    calendar = vobject.readOne(content.decode() if isinstance(content, bytes) else content)
    event = calendar.vevent
    return calendar.method.value, int(event.sequence.value), event.dtstamp.value


def test_cancelling_and_registering_again_sends_ever_higher_sequences_with_fresh_stamps(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(MONDAY, tick=False):
        session = SessionFactory(starts_at=dt.datetime(2026, 12, 21, 10, tzinfo=TOKYO))
    staff = StaffFactory(user__email="hanako@city.example.jp")
    moments = [MONDAY + dt.timedelta(hours=hours) for hours in (1, 2, 3, 4, 5)]
    actions = [
        lambda: register_for_session(staff=staff, session=session),
        lambda: cancel_registration(registration=staff.registrations.get()),
        lambda: register_for_session(staff=staff, session=session),
        lambda: cancel_registration(registration=staff.registrations.get()),
        lambda: register_for_session(staff=staff, session=session),
    ]
    for moment, action in zip(moments, actions, strict=True):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            action()
    events = [sent_event(message) for message in mail.outbox]
    assert [method for method, _sequence, _stamp in events] == [
        "PUBLISH",
        "CANCEL",
        "PUBLISH",
        "CANCEL",
        "PUBLISH",
    ]
    sequences = [sequence for _method, sequence, _stamp in events]
    assert sequences == sorted(set(sequences)), sequences  # strictly increasing
    assert [stamp for _method, _sequence, stamp in events] == moments


def test_a_cancelled_session_follows_the_persons_own_sequence(
    django_capture_on_commit_callbacks,
):
    session = SessionFactory()
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register_for_session(staff=staff, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=registration)
    with django_capture_on_commit_callbacks(execute=True):
        register_for_session(staff=staff, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(session=session)
    sequences = [sent_event(message)[1] for message in mail.outbox]
    assert sequences == sorted(set(sequences)), sequences


def test_the_private_feed_is_private_and_its_bytes_do_not_change_with_the_clock(client):
    staff = StaffFactory()
    with time_machine.travel(MONDAY, tick=False):
        session = SessionFactory(starts_at=dt.datetime(2026, 12, 21, 10, tzinfo=TOKYO))
        registration = register_for_session(staff=staff, session=session)
        cancel_registration(registration=registration)
        register_for_session(staff=staff, session=session)
    url = reverse("courses:personal_feed", args=[rotate_calendar_token(staff=staff)])
    bodies = []
    for hours in (1, 30):
        with time_machine.travel(MONDAY + dt.timedelta(hours=hours), tick=False):
            response = client.get(url)
            assert response["Cache-Control"].startswith("private")
            assert "public" not in response["Cache-Control"]
            bodies.append(response.content)
    assert bodies[0] == bodies[1]
    event = vobject.readOne(bodies[0].decode()).vevent
    assert event.dtstamp.value == session.updated_at.replace(microsecond=0)
