"""Centre staff keep their own centres' public facts up to date, checked in Japanese."""

import datetime as dt
import decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from classes.models import Centre, Town
from classes.services import ClassesError
from classes.services.centres import update_centre
from tests.classes.factories import CentreFactory, centre_staff_user

pytestmark = pytest.mark.django_db

GOOD = {
    "name_kana": "ｶｼﾏﾁｸ ｺｳﾐﾝｶﾝ",
    "address": "茨城県鹿嶋市宮中1丁目2番3号",
    "latitude": "35.9657",
    "longitude": "140.6442",
    "phone": "０２９９ー８２ー００１１",
    "open_days": ["1", "2", "3", "4", "5"],
    "opens_at": "09:00",
    "closes_at": "17:15",
    "hours_note": "祝日はお休みです。",
    "access": "バス停「宮中」から歩いて3分です。",
    "parking": "無料駐車場 30台",
    "barrier_free": "スロープとエレベーターがあります。",
    "towns": "宮中\n宮下\n\n宮中\n",
}


def edit_url(centre):
    return reverse("classes:centre_edit", kwargs={"slug": centre.slug})


@pytest.fixture
def staff_client(client, centre):
    client.force_login(centre_staff_user(centre))
    return client


def test_staff_save_their_centres_facts(staff_client, centre):
    response = staff_client.post(edit_url(centre), GOOD)
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.name_kana == "カシマチク\u3000コウミンカン"
    assert (centre.latitude, centre.longitude) == (
        decimal.Decimal("35.965700"),
        decimal.Decimal("140.644200"),
    )
    assert centre.phone == "0299-82-0011"
    assert centre.open_days == "12345" and centre.open_days_letters == list("月火水木金")
    assert (centre.opens_at, centre.closes_at) == (dt.time(9), dt.time(17, 15))
    assert list(centre.towns.values_list("name", flat=True)) == ["宮中", "宮下"]


def test_blank_position_is_kept_blank_not_zero(staff_client, centre):
    staff_client.post(edit_url(centre), {**GOOD, "latitude": "", "longitude": ""})
    centre.refresh_from_db()
    assert centre.latitude is None and centre.longitude is None


def test_the_form_shows_what_is_stored(staff_client, centre):
    staff_client.post(edit_url(centre), GOOD)
    body = staff_client.get(edit_url(centre)).content.decode()
    assert 'value="1" id="id_open_days_0" checked' in body
    assert "宮中\n宮下</textarea>" in body
    assert 'value="09:00"' in body


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name_kana": "鹿島"}, "name_kana", "全角カタカナ"),
        ({"latitude": "35.9", "longitude": ""}, "longitude", "両方入力するか"),
        ({"latitude": "0", "longitude": "0"}, "latitude", "20から46"),
        ({"longitude": "200"}, "longitude", "122から154"),
        ({"opens_at": "17:00", "closes_at": "09:00"}, "closes_at", "閉館の時刻は"),
        ({"opens_at": "09:00", "closes_at": ""}, "closes_at", "両方入力するか"),
        ({"opens_at": "25:99"}, "opens_at", ""),
        ({"phone": "12"}, "phone", "10けたか11けた"),
        ({"access": "歩いて\x1b[2J3分"}, "access", "使えない文字"),
        ({"towns": "あ" * 51}, "towns", "50文字まで"),
        ({"open_days": ["8"]}, "open_days", ""),
    ],
)
def test_mistakes_are_told_in_japanese(staff_client, centre, change, field, message):
    response = staff_client.post(edit_url(centre), {**GOOD, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])


def test_a_town_served_by_another_centre_is_refused_by_name(staff_client, centre):
    other = CentreFactory(name="三笠地区公民館")
    Town.objects.create(centre=other, name="宮下")
    response = staff_client.post(edit_url(centre), GOOD)
    assert "「宮下」は、三笠地区公民館の地区として登録されています。" in response.content.decode()
    assert not centre.towns.exists()


def test_towns_removed_from_the_list_are_dropped(staff_client, centre):
    staff_client.post(edit_url(centre), GOOD)
    staff_client.post(edit_url(centre), {**GOOD, "towns": "宮下"})
    assert list(centre.towns.values_list("name", "position")) == [("宮下", 0)]


def test_another_centres_page_is_404(staff_client):
    other = CentreFactory()
    assert staff_client.get(edit_url(other)).status_code == 404
    assert staff_client.post(edit_url(other), GOOD).status_code == 404


def test_the_database_keeps_a_position_both_or_neither_and_hours_in_order(centre):
    for values in (
        {"latitude": decimal.Decimal("35.9")},
        {"latitude": decimal.Decimal("95"), "longitude": decimal.Decimal("140")},
        {"opens_at": dt.time(9)},
        {"opens_at": dt.time(17), "closes_at": dt.time(9)},
        {"open_days": "531"},
        {"open_days": "8"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Centre.objects.filter(pk=centre.pk).update(**values)


def test_the_service_refuses_fields_that_are_the_administrators(centre):
    with pytest.raises(TypeError):
        update_centre(centre=centre, name="別の名前")


def test_a_town_taken_meanwhile_is_a_refusal_not_a_500(centre):
    Town.objects.create(centre=CentreFactory(), name="宮中")
    with pytest.raises(ClassesError):
        update_centre(centre=centre, towns=["宮中"])
