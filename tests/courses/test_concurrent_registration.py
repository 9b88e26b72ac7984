"""Seats are never oversold, even when many people press "register" at the same moment.

Needs PostgreSQL (real row locks across connections); CI runs it."""

import threading

import pytest
from django.db import connection

from courses.models import RegistrationStatus
from courses.services.registration import RegistrationError, register_for_session
from tests.courses.factories import SessionFactory
from tests.factories import StaffFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_people_for_ten_seats_gives_ten_confirmed_and_twenty_waiting_in_order():
    session = SessionFactory(capacity=10)
    people = [StaffFactory() for _ in range(30)]
    barrier = threading.Barrier(30)
    errors = []

    def register(staff):
        try:
            barrier.wait(timeout=30)
            register_for_session(staff=staff, session=session)
        except (RegistrationError, threading.BrokenBarrierError) as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(staff,)) for staff in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    rows = list(
        session.registrations.order_by("requested_at", "pk").values_list("status", flat=True)
    )
    assert rows.count(RegistrationStatus.CONFIRMED) == 10
    assert rows.count(RegistrationStatus.WAITING) == 20
    # Everyone confirmed asked before everyone waiting: the queue is in order.
    assert rows == [RegistrationStatus.CONFIRMED] * 10 + [RegistrationStatus.WAITING] * 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_person_double_clicking_gets_one_registration():
    session = SessionFactory(capacity=5)
    staff = StaffFactory()
    barrier = threading.Barrier(5)
    outcomes = []

    def register():
        try:
            barrier.wait(timeout=30)
            register_for_session(staff=staff, session=session)
            outcomes.append("ok")
        except RegistrationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["ok"] + ["refused"] * 4
    assert session.registrations.count() == 1
