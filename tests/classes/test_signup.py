"""Citizens sign up on the public form: seats, waiting list, confirmation, cancel link."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classes.models import Channel, SignUp
from classes.services import ClassesError
from classes.services.classes import update_class
from classes.services.signups import (
    AlreadySignedUp,
    cancel_signup,
    cancel_token,
    sign_up,
    signup_from_token,
)
from tests.classes.factories import SmartphoneClassFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "鹿嶋 花子",
    "phone": "090-1234-5678",
    "email": "",
    "age_band": "70s",
    "consent": "on",
}


def signup_url(smartphone_class) -> str:
    return reverse("classes:signup", kwargs={"pk": smartphone_class.pk})


def test_the_form_explains_the_use_of_the_data(client, smartphone_class):
    body = client.get(signup_url(smartphone_class)).content.decode()
    assert "個人情報の取り扱い" in body
    assert "教室の日から90日後に消去します" in body
    assert 'type="tel"' in body and 'autocomplete="name"' in body


def test_errors_are_in_japanese_and_listed_at_the_top(client, smartphone_class):
    response = client.post(
        signup_url(smartphone_class), {"name": " ", "phone": "12", "email": "x@", "age_band": "99"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>エラー: " in body
    assert "入力内容を確認してください" in body
    assert "お名前を入力してください。" in body
    assert "電話番号を10けたか11けたで入力してください" in body
    assert "メールアドレスの形が正しくないようです。" in body
    assert "同意する場合はチェックを入れてください。" in body
    assert 'aria-invalid="true"' in body
    assert not SignUp.objects.exists()


def test_missing_phone_is_asked_for_plainly(client, smartphone_class):
    body = client.post(signup_url(smartphone_class), {**GOOD, "phone": ""}).content.decode()
    assert "連絡のつく電話番号を入力してください。" in body


def test_sign_up_shows_the_confirmation_number_and_a_cancel_link(client, smartphone_class):
    response = client.post(signup_url(smartphone_class), GOOD, follow=True)
    signup = SignUp.objects.get()
    body = response.content.decode()
    assert signup.status == SignUp.Status.CONFIRMED
    assert signup.channel == Channel.ONLINE
    assert signup.number in body
    assert "お申し込みを受け付けました" in body
    assert "申し込みを取り消す" in body
    assert response["Cache-Control"] == "private, no-store"
    assert mail.outbox == []


def test_full_width_phone_numbers_are_accepted(client, smartphone_class):
    client.post(signup_url(smartphone_class), {**GOOD, "phone": "０９０ー１２３４ー５６７８"})
    assert SignUp.objects.get().phone == "090-1234-5678"


def test_confirmation_is_mailed_after_commit_when_an_address_is_given(
    client, smartphone_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(smartphone_class), {**GOOD, "email": "hanako@example.jp"})
    signup = SignUp.objects.get()
    [message] = mail.outbox
    assert message.to == ["hanako@example.jp"]
    assert message.subject == "スマートフォン教室のお申し込みを受け付けました"
    assert signup.number in message.body
    assert reverse("classes:signup_detail", kwargs={"token": cancel_token(signup)}) in message.body


def test_no_mail_when_the_transaction_rolls_back(
    smartphone_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        sign_up(
            smartphone_class=smartphone_class, name="A", phone="0299000000", email="a@example.jp"
        )
    assert len(callbacks) == 1  # registered, not sent: the mail goes only once the row is saved


def test_seats_then_waiting_list_in_order(smartphone_class):
    smartphone_class.capacity = 2
    smartphone_class.save()
    made = [
        sign_up(smartphone_class=smartphone_class, name=f"市民{n}", phone=f"090-0000-000{n}")
        for n in range(4)
    ]
    assert [s.status for s in made] == ["confirmed", "confirmed", "waiting", "waiting"]


def test_cancelling_promotes_the_first_waiting(
    smartphone_class, django_capture_on_commit_callbacks
):
    smartphone_class.capacity = 1
    smartphone_class.save()
    first = sign_up(smartphone_class=smartphone_class, name="一番", phone="090-0000-0001")
    second = sign_up(
        smartphone_class=smartphone_class, name="二番", phone="090-0000-0002", email="ni@example.jp"
    )
    third = sign_up(smartphone_class=smartphone_class, name="三番", phone="090-0000-0003")
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_signup(signup=first)
    assert promoted == [second]
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waiting")
    assert [m.to for m in mail.outbox] == [["ni@example.jp"]]
    assert "繰り上げ" in mail.outbox[0].subject
    assert cancel_signup(signup=first) == []  # twice is harmless


def test_more_seats_move_people_up_from_the_waiting_list(smartphone_class):
    smartphone_class.capacity = 1
    smartphone_class.save()
    for n in range(3):
        sign_up(smartphone_class=smartphone_class, name=f"市民{n}", phone=f"090-0000-000{n}")
    update_class(smartphone_class=smartphone_class, capacity=2)
    assert list(smartphone_class.signups.values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waiting",
    ]


def test_seats_cannot_drop_below_the_confirmed_sign_ups(smartphone_class):
    for n in range(3):
        sign_up(smartphone_class=smartphone_class, name=f"市民{n}", phone=f"090-0000-000{n}")
    with pytest.raises(ClassesError, match="3人"):
        update_class(smartphone_class=smartphone_class, capacity=2)


def test_the_same_person_cannot_sign_up_twice_and_a_stranger_is_not_told_who_is(
    client, smartphone_class
):
    client.post(signup_url(smartphone_class), GOOD)
    response = client.post(signup_url(smartphone_class), {**GOOD, "phone": "09012345678"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "お電話ください" in body
    assert "申し込んでいます" not in body and "鹿嶋 花子さん" not in body
    assert SignUp.objects.count() == 1


def test_staff_taking_a_phone_sign_up_are_told_the_person_is_already_signed_up(
    centre_client, smartphone_class
):
    sign_up(smartphone_class=smartphone_class, name="鹿嶋 花子", phone="090-1234-5678")
    response = centre_client.post(
        reverse("classes:signup_add", args=[smartphone_class.pk]),
        {"channel": "phone", "name": "鹿嶋花子", "phone": "09012345678", "consent": "on"},
    )
    assert (
        "鹿嶋花子さんは、この電話番号ですでにこの教室に申し込んでいます。"
        in response.content.decode()
    )
    assert SignUp.objects.count() == 1


@pytest.mark.parametrize("again", ["鹿嶋花子", "鹿嶋　花子", " 鹿嶋  花子 ", "ｶｼﾏ ﾊﾅｺ"])
def test_spacing_and_width_do_not_make_another_person(smartphone_class, again):
    first = "ｶｼﾏ ﾊﾅｺ" if again == "ｶｼﾏ ﾊﾅｺ" else "鹿嶋 花子"
    sign_up(smartphone_class=smartphone_class, name=first, phone="090-1234-5678")
    with pytest.raises(AlreadySignedUp):
        sign_up(smartphone_class=smartphone_class, name=again, phone="090 1234 5678")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_does_not_get_the_same_person_a_second_seat(
    client, smartphone_class, invisible
):
    client.post(signup_url(smartphone_class), GOOD)
    response = client.post(
        signup_url(smartphone_class), {**GOOD, "name": "鹿嶋" + invisible + " 花子"}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert SignUp.objects.count() == 1


def test_a_started_class_takes_no_online_sign_ups(client, centre):
    now = timezone.now()  # started an hour ago, ends in an hour: true at any time of day
    started = SmartphoneClassFactory(
        centre=centre, starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    response = client.post(signup_url(started), GOOD)
    assert "締め切りました" in response.content.decode()
    assert not SignUp.objects.exists()
    with pytest.raises(ClassesError):
        sign_up(smartphone_class=started, name="A", phone="0299000000")
    # Staff can still add someone at the counter until the class ends.
    assert sign_up(smartphone_class=started, name="A", phone="0299000000", channel=Channel.COUNTER)


def test_the_cancel_link_cancels_and_a_forged_link_does_not(client, smartphone_class):
    client.post(signup_url(smartphone_class), GOOD)
    signup = SignUp.objects.get()
    token = cancel_token(signup)
    detail = reverse("classes:signup_detail", kwargs={"token": token})
    forged = reverse("classes:signup_detail", kwargs={"token": token[:-2] + "xx"})
    assert client.post(forged, {"cancel": "1"}).status_code == 404
    response = client.post(detail, {"cancel": "1"}, follow=True)
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED
    assert "お申し込みを取り消しました" in response.content.decode()
    assert signup_from_token("garbage") is None


def test_waiting_position_is_shown(client, smartphone_class):
    smartphone_class.capacity = 1
    smartphone_class.save()
    sign_up(smartphone_class=smartphone_class, name="一番", phone="090-0000-0001")
    sign_up(smartphone_class=smartphone_class, name="二番", phone="090-0000-0002")
    third = sign_up(smartphone_class=smartphone_class, name="三番", phone="090-0000-0003")
    body = client.get(
        reverse("classes:signup_detail", kwargs={"token": cancel_token(third)})
    ).content.decode()
    assert "キャンセル待ちの2番目です" in body


def test_after_the_class_the_link_cannot_cancel(client, smartphone_class):
    signup = sign_up(smartphone_class=smartphone_class, name="A", phone="0299000000")
    with time_machine.travel(smartphone_class.ends_at + dt.timedelta(hours=1)):
        response = client.post(
            reverse("classes:signup_detail", kwargs={"token": cancel_token(signup)}),
            {"cancel": "1"},
        )
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED
    assert response.status_code == 200


def test_get_on_the_signup_page_is_the_only_safe_method(client, smartphone_class):
    assert client.put(signup_url(smartphone_class)).status_code == 405


def test_the_cancel_form_posts_with_the_pages_origin(client, smartphone_class):
    """Under "Referrer-Policy: no-referrer" browsers send "Origin: null" with the cancel
    form, and the CSRF check refuses it (a real browser got 403): the page must let its
    own origin through, and still send the token in its address to no other site."""
    signup = sign_up(smartphone_class=smartphone_class, name="鹿嶋 花子", phone="0299-00-1111")
    url = reverse("classes:signup_detail", kwargs={"token": cancel_token(signup)})
    response = client.get(url)
    assert response["Referrer-Policy"] == "same-origin"

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url)
    token = page.cookies["csrftoken"].value
    origin = {"HTTP_ORIGIN": "http://testserver"}
    answer = browser.post(url, {"cancel": "1", "csrfmiddlewaretoken": token}, **origin)
    assert answer.status_code == 302
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED
