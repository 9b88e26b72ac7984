"""The daily call list: citizens without e-mail who moved up from the waiting list or whose
class is tomorrow, with a 連絡済み tick stored with who and when."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from classes.models import PhoneCall, SignUp
from classes.selectors import call_list
from classes.services.signups import cancel_signup, sign_up
from learning import fiscal
from tests.classes.factories import CentreFactory, SmartphoneClassFactory, centre_staff_user
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=fiscal.TOKYO)


def at(day, hour=10):
    return dt.datetime(2026, 11, day, hour, tzinfo=fiscal.TOKYO)


def a_class(centre, day, capacity=1):
    return SmartphoneClassFactory(
        centre=centre, starts_at=at(day), ends_at=at(day, 12), capacity=capacity
    )


def person(c, name, email=""):
    return sign_up(
        smartphone_class=c,
        name=name,
        phone=f"0299-{abs(hash(name)) % 100:02d}-{abs(hash(name)) % 10_000:04d}",
        email=email,
    )


@pytest.fixture
def centre(db):
    return CentreFactory(name="鹿島地区公民館")


@pytest.fixture
def staff(centre):
    user = centre_staff_user(centre)
    StaffFactory(user=user, name="公民館 次郎")
    return user


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def calls_url(day=None):
    return reverse("classes:calls") + (f"?day={day.isoformat()}" if day else "")


def test_promoted_people_without_email_and_tomorrows_class_are_on_the_list(
    client, centre, staff, clock
):
    later = a_class(centre, 20)
    first = person(later, "先 一郎")
    promoted = person(later, "繰上 花子")
    mailed = person(later, "メール 太郎", email="taro@example.jp")
    tomorrow = a_class(centre, 3, capacity=5)
    reminded = person(tomorrow, "明日 三郎")
    person(tomorrow, "メール 四郎", email="shiro@example.jp")
    cancel_signup(signup=first)  # 繰上 花子 moves up; メール 太郎 still waits
    assert SignUp.objects.get(pk=promoted.pk).promoted_at is not None

    rows = call_list(centres=centre.__class__.objects.filter(pk=centre.pk), day=MONDAY.date())
    assert [(row.signup.name, row.reasons) for row in rows] == [
        ("明日 三郎", ["reminder"]),
        ("繰上 花子", ["promoted"]),
    ]
    assert mailed.pk not in [row.signup.pk for row in rows] and reminded.pk in [
        row.signup.pk for row in rows
    ]

    client.force_login(staff)
    body = client.get(calls_url()).content.decode()
    assert "電話連絡の一覧（2026年11月2日（月））" in body
    assert "まだ電話していない方: 2人" in body
    assert 'href="tel:' in body
    assert "メール 太郎" not in body and "メール 四郎" not in body


def test_the_tick_keeps_who_called_and_when_and_the_list_moves_on(client, centre, staff, clock):
    later = a_class(centre, 20)
    first = person(later, "先 一郎")
    promoted = person(later, "繰上 花子")
    cancel_signup(signup=first)
    client.force_login(staff)
    clock.move_to(MONDAY.replace(hour=10, minute=32))
    response = client.post(
        reverse("classes:call_done", kwargs={"signup_pk": promoted.pk}),
        {"reason": "promoted", "day": "2026-11-02"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?day=2026-11-02")
    call = PhoneCall.objects.get()
    assert (call.signup, call.reason, call.called_by) == (promoted, "promoted", staff)
    assert call.called_at == MONDAY.replace(hour=10, minute=32)
    body = client.get(calls_url()).content.decode()
    assert "✓ 公民館 次郎 10:32" in body and "まだ電話していない方: 0人" in body

    # Ticked on Monday: not on Tuesday's list. Unticked ones would still be.
    clock.move_to(MONDAY + dt.timedelta(days=1))
    assert "繰上 花子" not in client.get(calls_url()).content.decode()


def test_an_unticked_move_up_stays_on_the_list_the_next_days(centre, clock):
    later = a_class(centre, 20)
    first = person(later, "先 一郎")
    person(later, "繰上 花子")
    cancel_signup(signup=first)
    rows = call_list(centres=centre.__class__.objects.all(), day=dt.date(2026, 11, 5))
    assert [row.signup.name for row in rows] == ["繰上 花子"]


def test_the_tick_can_be_taken_back(client, centre, staff, clock):
    tomorrow = a_class(centre, 3, capacity=5)
    reminded = person(tomorrow, "明日 三郎")
    client.force_login(staff)
    url = reverse("classes:call_done", kwargs={"signup_pk": reminded.pk})
    client.post(url, {"reason": "reminder"})
    client.post(url, {"reason": "reminder"})  # twice: still one tick
    assert PhoneCall.objects.count() == 1
    client.post(url, {"reason": "reminder", "undo": "1"})
    assert not PhoneCall.objects.exists()


def test_only_the_staffs_own_centres_are_listed_or_ticked(client, centre, staff, clock):
    other = CentreFactory(name="三笠地区公民館")
    theirs = person(a_class(other, 3, capacity=5), "他館 五郎")
    client.force_login(staff)
    assert "他館 五郎" not in client.get(calls_url()).content.decode()
    response = client.post(
        reverse("classes:call_done", kwargs={"signup_pk": theirs.pk}), {"reason": "reminder"}
    )
    assert response.status_code == 404
    assert not PhoneCall.objects.exists()


def test_bad_days_and_reasons_are_harmless(client, centre, staff, clock):
    client.force_login(staff)
    for day in ("yesterday", "2026-02-30", "99999-01-01", "<b>"):
        assert client.get(reverse("classes:calls"), {"day": day}).status_code == 200
    signup = person(a_class(centre, 3, capacity=5), "明日 三郎")
    client.post(reverse("classes:call_done", kwargs={"signup_pk": signup.pk}), {"reason": "x"})
    assert not PhoneCall.objects.exists()


@pytest.mark.parametrize("size", [2, 12])
def test_the_call_list_queries_do_not_grow(
    client, centre, staff, clock, django_assert_num_queries, size
):
    tomorrow = a_class(centre, 3, capacity=50)
    for number in range(size):
        signup = person(tomorrow, f"明日 {number}")
        if number % 2:
            PhoneCall.objects.create(
                signup=signup, reason="reminder", called_at=MONDAY, called_by=staff
            )
    client.force_login(staff)
    # session, user, duties, the header's staff name, the sign-ups, their calls
    with django_assert_num_queries(6):
        response = client.get(calls_url())
    assert response.content.decode().count('href="tel:') == size
