"""Seats are never oversold: 40 people press "sign up" at once for 12 seats (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from classes.models import SignUp
from classes.services.signups import cancel_signup
from tests.classes.factories import SmartphoneClassFactory

PEOPLE = 40
SEATS = 12


@pytest.fixture(autouse=True)
def _one_address_for_everyone(settings):
    """All 40 "citizens" post from 127.0.0.1: lift the per-address sign-up limit."""
    settings.CLASSES_SIGNUP_RATE = "10000/m"


def _post_together(url: str, count: int) -> list[int]:
    barrier = threading.Barrier(count)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def one(number: int) -> None:
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                url,
                {"name": f"市民 {number}", "phone": f"090-1000-{number:04d}", "consent": "on"},
            )
            statuses.append(response.status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_40_simultaneous_sign_ups_for_12_seats_confirm_exactly_12():
    smartphone_class = SmartphoneClassFactory(capacity=SEATS)
    url = reverse("classes:signup", kwargs={"pk": smartphone_class.pk})

    statuses = _post_together(url, PEOPLE)

    assert statuses == [302] * PEOPLE
    signups = list(
        SignUp.objects.filter(smartphone_class=smartphone_class).order_by("created_at", "pk")
    )
    assert len(signups) == PEOPLE
    assert sum(s.status == SignUp.Status.CONFIRMED for s in signups) == SEATS
    assert sum(s.status == SignUp.Status.WAITING for s in signups) == PEOPLE - SEATS
    # In order: the first twelve through the lock have the seats, the rest wait behind them.
    assert [s.status for s in signups] == ["confirmed"] * SEATS + ["waiting"] * (PEOPLE - SEATS)
    assert len({s.number for s in signups}) == PEOPLE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_exactly_as_many_as_they_free():
    smartphone_class = SmartphoneClassFactory(capacity=5)
    _post_together(reverse("classes:signup", kwargs={"pk": smartphone_class.pk}), 15)
    confirmed = list(smartphone_class.signups.filter(status=SignUp.Status.CONFIRMED))
    barrier = threading.Barrier(len(confirmed))

    def cancel(signup):
        try:
            barrier.wait()
            cancel_signup(signup=signup)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(s,)) for s in confirmed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    counts = {
        status: smartphone_class.signups.filter(status=status).count()
        for status in SignUp.Status.values
    }
    assert counts == {"confirmed": 5, "waiting": 5, "cancelled": 5}
