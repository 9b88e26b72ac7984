"""Centre staff manage their own centres' classes and sign-ups, and nobody else's."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from classes.models import SignUp, SmartphoneClass
from classes.services.signups import sign_up
from learning.permissions import Duty
from tests.classes.factories import (
    CentreFactory,
    InstructorFactory,
    SmartphoneClassFactory,
    centre_staff_user,
    in_days,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def class_post(for_centre, **overrides):
    day = (in_days(20)).date()
    return {
        "centre": for_centre.pk,
        "title": "マイナポータル入門",
        "topic": "my_number",
        "day": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "place": "2階 会議室",
        "capacity": "12",
        "description": "ログインの練習",
        "what_to_bring": "マイナンバーカード",
        "published": "on",
        **overrides,
    }


def test_anonymous_visitors_are_sent_to_login(client, smartphone_class):
    response = client.get(reverse("classes:manage"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_without_the_centre_duty_get_403(client, smartphone_class):
    client.force_login(UserFactory(duties=[Duty.HR]))
    assert client.get(reverse("classes:manage")).status_code == 403
    assert (
        client.get(reverse("classes:manage_class", kwargs={"pk": smartphone_class.pk})).status_code
        == 403
    )


def test_the_landing_page_lists_only_own_centres(centre_client, centre):
    mine = SmartphoneClassFactory(centre=centre, title="自館の教室")
    SmartphoneClassFactory(title="他館の教室")
    body = centre_client.get(reverse("classes:manage")).content.decode()
    assert "自館の教室" in body and "他館の教室" not in body
    assert reverse("classes:manage_class", kwargs={"pk": mine.pk}) in body


@pytest.mark.parametrize(
    "name, method",
    [
        ("manage_class", "get"),
        ("class_edit", "get"),
        ("class_edit", "post"),
        ("class_cancel", "post"),
        ("class_print", "get"),
        ("attendance", "post"),
        ("signup_add", "get"),
        ("signup_add", "post"),
    ],
)
def test_staff_of_another_centre_cannot_touch_a_class(centre_client, name, method):
    other = SmartphoneClassFactory(
        centre=CentreFactory(), starts_at=in_days(-1), ends_at=in_days(-1, hour=12)
    )
    url = reverse(f"classes:{name}", kwargs={"pk": other.pk})
    response = getattr(centre_client, method)(
        url, {"name": "X", "phone": "0299000000", "channel": "phone", "consent": "on"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == SmartphoneClass.Status.SCHEDULED
    assert other.sequence == 0
    assert not other.signups.exists()


def test_staff_of_another_centre_cannot_cancel_its_sign_ups(centre_client):
    other = SmartphoneClassFactory(centre=CentreFactory())
    signup = sign_up(smartphone_class=other, name="他館 太郎", phone="0299000000")
    url = reverse("classes:signup_cancel", kwargs={"pk": other.pk, "signup_pk": signup.pk})
    assert centre_client.post(url).status_code == 404
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED


def test_a_sign_up_cannot_be_reached_through_another_class(centre_client, centre):
    mine = SmartphoneClassFactory(centre=centre)
    other = SmartphoneClassFactory(centre=CentreFactory())
    signup = sign_up(smartphone_class=other, name="他館 太郎", phone="0299000000")
    url = reverse("classes:signup_cancel", kwargs={"pk": mine.pk, "signup_pk": signup.pk})
    assert centre_client.post(url).status_code == 404


def test_a_class_cannot_be_created_at_another_centre(centre_client):
    other = CentreFactory()
    response = centre_client.post(reverse("classes:class_create"), class_post(other))
    assert response.status_code == 200
    assert "centre" in response.context["form"].errors
    assert not SmartphoneClass.objects.exists()


def test_creating_a_class_without_a_qualified_instructor_warns(centre_client, centre):
    unqualified = InstructorFactory(qualified_on=None)
    response = centre_client.post(
        reverse("classes:class_create"),
        class_post(centre, instructors=[unqualified.pk]),
        follow=True,
    )
    created = SmartphoneClass.objects.get()
    assert created.centre == centre
    assert created.starts_at.hour == 1  # 10:00 in Tokyo is 01:00 UTC
    body = response.content.decode()
    assert "教室の日までに講師養成を修了した講師がいません。" in body


def test_a_qualified_instructor_means_no_warning(centre_client, centre):
    qualified = InstructorFactory(qualified_on=dt.date(2023, 6, 1))
    response = centre_client.post(
        reverse("classes:class_create"), class_post(centre, instructors=[qualified.pk]), follow=True
    )
    assert "講師養成を修了した講師がいません" not in response.content.decode()
    assert list(SmartphoneClass.objects.get().instructors.all()) == [qualified]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"end_time": "09:00"}, "end_time"),
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "abc"}, "capacity"),
        ({"day": "2026-02-30"}, "day"),
        ({"topic": "hacking"}, "topic"),
        ({"title": ""}, "title"),
        ({"centre": "not-a-number"}, "centre"),
    ],
)
def test_bad_class_input_gives_form_errors_not_500(centre_client, centre, overrides, field):
    response = centre_client.post(reverse("classes:class_create"), class_post(centre, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_editing_bumps_the_calendar_sequence(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    response = centre_client.post(
        reverse("classes:class_edit", kwargs={"pk": c.pk}), class_post(centre, title="新しい題名")
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.title, c.sequence) == ("新しい題名", 1)


def test_seats_below_the_sign_ups_is_a_form_error(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    for n in range(3):
        sign_up(smartphone_class=c, name=f"市民{n}", phone=f"090-0000-000{n}")
    response = centre_client.post(
        reverse("classes:class_edit", kwargs={"pk": c.pk}), class_post(centre, capacity="2")
    )
    assert "すでに3人の申し込みを受け付けています。" in response.content.decode()


def test_staff_enter_a_phone_sign_up(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    response = centre_client.post(
        reverse("classes:signup_add", kwargs={"pk": c.pk}),
        {"channel": "phone", "name": "電話 太郎", "phone": "0299-11-2222", "consent": "on"},
        follow=True,
    )
    signup = SignUp.objects.get()
    assert (signup.channel, signup.entered_by) == ("phone", centre_client.user)
    assert signup.number in response.content.decode()
    assert "電話 太郎" in response.content.decode()


def test_staff_sign_up_form_refuses_the_online_channel(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    response = centre_client.post(
        reverse("classes:signup_add", kwargs={"pk": c.pk}),
        {"channel": "online", "name": "A", "phone": "0299112222", "consent": "on"},
    )
    assert "channel" in response.context["form"].errors


def test_cancelling_a_class_mails_those_with_an_address(
    centre_client, centre, django_capture_on_commit_callbacks
):
    c = SmartphoneClassFactory(centre=centre)
    sign_up(smartphone_class=c, name="A", phone="0299000001", email="a@example.jp")
    sign_up(smartphone_class=c, name="B", phone="0299000002")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        centre_client.post(reverse("classes:class_cancel", kwargs={"pk": c.pk}))
    c.refresh_from_db()
    assert c.status == SmartphoneClass.Status.CANCELLED
    assert [m.to for m in mail.outbox] == [["a@example.jp"]]
    assert mail.outbox[0].subject == f"【中止】{c.title}"


def test_attendance_and_held_make_the_class_count(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    came = sign_up(smartphone_class=c, name="来た", phone="0299000001")
    sign_up(smartphone_class=c, name="来なかった", phone="0299000002")
    with time_machine.travel(c.ends_at):
        centre_client.force_login(centre_client.user)  # the session would have expired
        page = centre_client.get(
            reverse("classes:manage_class", kwargs={"pk": c.pk})
        ).content.decode()
        assert "出席した人すべてにチェックを入れてください。" in page
        centre_client.post(
            reverse("classes:attendance", kwargs={"pk": c.pk}),
            {"attended": [came.pk], "walk_ins": "2", "mark_held": "on"},
        )
        assert SmartphoneClass.objects.counted().filter(pk=c.pk).exists()
    c.refresh_from_db()
    assert c.walk_ins == 2
    assert dict(c.signups.values_list("name", "attended")) == {"来た": True, "来なかった": False}


def test_attendance_before_the_class_is_refused(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre)
    sign_up(smartphone_class=c, name="まだ", phone="0299000001")
    page = centre_client.get(reverse("classes:manage_class", kwargs={"pk": c.pk})).content.decode()
    assert "出席は教室が始まってから記録できます。" in page
    assert reverse("classes:attendance", kwargs={"pk": c.pk}) not in page
    response = centre_client.post(
        reverse("classes:attendance", kwargs={"pk": c.pk}),
        {"walk_ins": "0", "mark_held": "on"},
        follow=True,
    )
    assert "出席は教室が始まってから記録できます。" in response.content.decode()
    c.refresh_from_db()
    assert c.status == SmartphoneClass.Status.SCHEDULED


@pytest.mark.parametrize(
    "data",
    [
        {"walk_ins": "-3"},
        {"walk_ins": "many"},
        {"attended": ["abc"], "walk_ins": "0"},
        {"attended": ["999999"], "walk_ins": "0"},
    ],
)
def test_bad_attendance_input_is_refused_politely(centre_client, centre, data):
    c = SmartphoneClassFactory(centre=centre, starts_at=in_days(-1), ends_at=in_days(-1, hour=12))
    response = centre_client.post(reverse("classes:attendance", kwargs={"pk": c.pk}), data)
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.attendance_recorded_at is None


def test_participant_list_prints(centre_client, centre):
    c = SmartphoneClassFactory(centre=centre, capacity=1)
    sign_up(smartphone_class=c, name="一番 さん", phone="0299000001")
    sign_up(smartphone_class=c, name="二番 さん", phone="0299000002")
    body = centre_client.get(reverse("classes:class_print", kwargs={"pk": c.pk})).content.decode()
    assert "参加者名簿" in body
    assert body.index("一番 さん") < body.index("キャンセル待ち（順番）") < body.index("二番 さん")


def test_administrators_manage_every_centre(client, centre):
    c = SmartphoneClassFactory(centre=centre)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("classes:manage_class", kwargs={"pk": c.pk})).status_code == 200


def test_the_landing_page_keeps_its_query_count(client, django_assert_max_num_queries):
    centres = [CentreFactory() for _ in range(2)]
    user = centre_staff_user(*centres)
    client.force_login(user)
    for number in range(10):
        SmartphoneClassFactory(centre=centres[number % 2])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("classes:manage")).status_code == 200
