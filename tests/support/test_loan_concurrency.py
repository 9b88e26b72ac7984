"""Two staff lending the same device at the same moment: one loan, one refusal.

Needs PostgreSQL (real row locks across connections); CI runs it."""

import datetime as dt
import threading

import pytest
from django.db import connection

from support.models import Loan, SupportRecord
from support.services import SupportError
from support.services.audit import Actor
from support.services.loans import lend_device
from tests.support.factories import DeviceFactory, HouseholdFactory

ACTOR = Actor.command("tests")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_device_lent_twice_at_once_goes_to_one_household_only():
    device = DeviceFactory()
    households = [HouseholdFactory() for _ in range(8)]
    barrier = threading.Barrier(len(households))
    outcomes = []

    def lend(household):
        try:
            barrier.wait(timeout=30)
            lend_device(
                actor=ACTOR,
                device=device,
                household=household,
                lent_on=dt.date(2025, 5, 1),
                due_on=dt.date(2025, 8, 1),
            )
            outcomes.append("lent")
        except SupportError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=lend, args=(household,)) for household in households]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["lent"] + ["refused"] * 7
    assert Loan.objects.count() == 1
    assert SupportRecord.objects.count() == 1  # the refused loans left no support record
