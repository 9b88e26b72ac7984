"""A sign-up for two (本人とご家族など): two seats, waiting together, never passed by later
single sign-ups; every seat count is a sum of seats."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from classes.models import SignUp, SmartphoneClass
from classes.selectors import status_report, with_seat_counts
from classes.services import ClassesError
from classes.services.classes import record_attendance, update_class
from classes.services.signups import cancel_signup, seat_counts, sign_up, signup_state
from learning import fiscal
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=fiscal.TOKYO)
STARTS = dt.datetime(2026, 11, 16, 10, tzinfo=fiscal.TOKYO)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


def a_class(capacity: int) -> SmartphoneClass:
    return SmartphoneClassFactory(
        capacity=capacity, starts_at=STARTS, ends_at=STARTS + dt.timedelta(hours=2)
    )


def person(smartphone_class, name, party_size=1, **extra):
    return sign_up(
        smartphone_class=smartphone_class,
        name=name,
        phone=f"090-1111-{abs(hash(name)) % 10_000:04d}",
        party_size=party_size,
        **extra,
    )


def test_a_sign_up_for_two_takes_two_seats():
    c = a_class(3)
    pair = person(c, "鹿嶋 花子", party_size=2)
    assert pair.status == SignUp.Status.CONFIRMED
    assert seat_counts(c) == (2, 0)
    assert with_seat_counts(SmartphoneClass.objects.filter(pk=c.pk)).get().seats_taken == 2
    assert person(c, "一人 目").status == SignUp.Status.CONFIRMED
    assert person(c, "二人 目").status == SignUp.Status.WAITING


def test_a_pair_waits_when_one_seat_is_free_and_a_later_single_does_not_jump_it():
    c = a_class(2)
    first = person(c, "先 一郎")
    pair = person(c, "鹿嶋 花子", party_size=2)
    assert pair.status == SignUp.Status.WAITING  # one seat free, two needed
    later = person(c, "後 次郎")
    assert later.status == SignUp.Status.WAITING  # the seat is not given past the pair
    assert signup_state(c) == "full" and signup_state(c, party=2) == "full"

    cancel_signup(signup=first)  # two seats free now: the pair moves up, together
    pair.refresh_from_db()
    later.refresh_from_db()
    assert pair.status == SignUp.Status.CONFIRMED and pair.promoted_at is not None
    assert later.status == SignUp.Status.WAITING


def test_a_pair_that_does_not_fit_stops_the_line_until_two_seats_are_free():
    c = a_class(3)
    a, b, d = person(c, "一 郎"), person(c, "二 郎"), person(c, "三 郎")
    pair = person(c, "鹿嶋 花子", party_size=2)
    single = person(c, "後 次郎")
    assert cancel_signup(signup=a) == []  # one free seat: the pair still waits, so does the single
    assert (SignUp.objects.get(pk=single.pk).status, seat_counts(c)) == ("waiting", (2, 3))
    promoted = cancel_signup(signup=b)
    assert promoted == [pair]
    assert SignUp.objects.get(pk=single.pk).status == SignUp.Status.WAITING
    assert cancel_signup(signup=d) == [SignUp.objects.get(pk=single.pk)]


def test_more_seats_move_a_pair_up_and_fewer_than_the_seats_taken_are_refused():
    c = a_class(1)
    person(c, "一 郎")
    pair = person(c, "鹿嶋 花子", party_size=2)
    update_class(smartphone_class=c, capacity=2)  # one seat free: not enough for the pair
    pair.refresh_from_db()
    assert pair.status == SignUp.Status.WAITING
    update_class(smartphone_class=c, capacity=3)
    pair.refresh_from_db()
    assert pair.status == SignUp.Status.CONFIRMED
    with pytest.raises(ClassesError, match="3"):
        update_class(smartphone_class=c, capacity=2)


def test_raising_seats_below_what_pairs_hold_is_refused():
    c = a_class(4)
    person(c, "鹿嶋 花子", party_size=2)
    person(c, "鹿嶋 太郎", party_size=2)
    with pytest.raises(ClassesError):
        update_class(smartphone_class=c, capacity=3)


def test_the_database_refuses_a_party_of_three_or_none():
    c = a_class(5)
    for size in (0, 3):
        with pytest.raises(IntegrityError), transaction.atomic():
            SignUpFactory(smartphone_class=c, party_size=size)


def test_the_service_refuses_a_party_of_three():
    with pytest.raises(ClassesError):
        person(a_class(5), "大 家族", party_size=3)


def test_participants_count_both_people_of_a_pair_who_came():
    centre = CentreFactory()
    start = dt.datetime(2026, 10, 5, 10, tzinfo=fiscal.TOKYO)
    c = SmartphoneClassFactory(
        centre=centre, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    pair = SignUpFactory(smartphone_class=c, party_size=2)
    single = SignUpFactory(smartphone_class=c)
    SignUpFactory(smartphone_class=c, party_size=2)  # did not come
    record_attendance(
        smartphone_class=c, attended=[pair.pk, single.pk], mark_held=True, now=c.ends_at
    )
    row = next(r for r in status_report(fiscal_year=2026).rows if r.centre == centre)
    assert row.participants == 3


def test_the_public_form_signs_up_two_people(client):
    c = a_class(5)
    response = client.post(
        reverse("classes:signup", kwargs={"pk": c.pk}),
        {"party_size": "2", "name": "鹿嶋 花子", "phone": "090-1234-5678", "consent": "on"},
        follow=True,
    )
    assert SignUp.objects.get().party_size == 2
    assert "2人分の席を取りました。" in response.content.decode()


def test_the_form_warns_a_pair_when_one_seat_is_left(client):
    c = a_class(2)
    person(c, "一 郎")
    body = client.get(reverse("classes:signup", kwargs={"pk": c.pk})).content.decode()
    assert "残りは1席です。2人で申し込むと、キャンセル待ちになります。" in body


def test_a_party_size_that_is_not_offered_is_a_form_error(client):
    c = a_class(5)
    response = client.post(
        reverse("classes:signup", kwargs={"pk": c.pk}),
        {"party_size": "3", "name": "鹿嶋 花子", "phone": "090-1234-5678", "consent": "on"},
    )
    assert "1人か2人を選んでください。" in response.content.decode()
    assert not SignUp.objects.exists()


def test_staff_enter_a_pair_taken_by_phone(client):
    from tests.classes.factories import centre_staff_user

    c = a_class(4)
    client.force_login(centre_staff_user(c.centre))
    client.post(
        reverse("classes:signup_add", kwargs={"pk": c.pk}),
        {
            "channel": "phone",
            "party_size": "2",
            "name": "鹿嶋 花子",
            "phone": "0299-11-2222",
            "consent": "on",
        },
    )
    assert SignUp.objects.get().party_size == 2
    page = client.get(reverse("classes:manage_class", kwargs={"pk": c.pk})).content.decode()
    assert "2人組は、2席空いたときに一緒に繰り上がります" in page  # the rule, written down


class TestSeatCountsAgree(TestCase):
    """The annotation the pages read and the count the service takes under the lock agree."""

    @settings(max_examples=30, deadline=None)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["confirmed", "waiting", "cancelled"]), st.integers(1, 2)),
            max_size=8,
        )
    )
    def test_annotation_and_locked_count_agree(self, rows):
        c = a_class(20)
        for status, size in rows:
            SignUpFactory(smartphone_class=c, status=status, party_size=size)
        annotated = with_seat_counts(SmartphoneClass.objects.filter(pk=c.pk)).get()
        expected_taken = sum(size for status, size in rows if status == "confirmed")
        expected_waiting = sum(size for status, size in rows if status == "waiting")
        assert seat_counts(c) == (expected_taken, expected_waiting)
        assert (annotated.seats_taken, annotated.seats_waiting) == seat_counts(c)
