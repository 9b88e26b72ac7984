"""Public pages: no login, only what is published, readable and robust to any input."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from classes.models import SmartphoneClass
from classes.services.classes import cancel_class
from learning import fiscal
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory, in_days

pytestmark = pytest.mark.django_db


def test_index_lists_upcoming_classes_with_their_centres_and_seats(client, centre):
    c = SmartphoneClassFactory(centre=centre, title="はじめてのスマホ", capacity=3)
    SignUpFactory(smartphone_class=c)
    SmartphoneClassFactory(centre=centre, title="下書き", published=False)
    SmartphoneClassFactory(
        centre=centre, title="終わった教室", starts_at=in_days(-3), ends_at=in_days(-3, hour=12)
    )
    body = client.get(reverse("classes:index")).content.decode()
    assert '<html lang="ja">' in body
    assert "はじめてのスマホ" in body and centre.name in body
    assert "空きあり" not in body  # 2 of 3 seats left is few
    assert "△ 残りわずか（残り2席／定員3人）" in strip_tags(body)
    assert "下書き" not in body and "終わった教室" not in body
    assert reverse("classes:feed") in body


def test_full_class_says_so_in_words(client, centre):
    c = SmartphoneClassFactory(centre=centre, capacity=1)
    SignUpFactory(smartphone_class=c)
    body = client.get(reverse("classes:class", kwargs={"pk": c.pk})).content.decode()
    assert "× 満席（キャンセル待ち受付中）" in strip_tags(body)
    assert reverse("classes:signup", kwargs={"pk": c.pk}) in body


def test_cancelled_class_is_shown_as_cancelled_without_a_sign_up_button(client, smartphone_class):
    cancel_class(smartphone_class=smartphone_class)
    body = client.get(reverse("classes:class", kwargs={"pk": smartphone_class.pk})).content.decode()
    assert "この教室は中止になりました。" in body
    assert reverse("classes:signup", kwargs={"pk": smartphone_class.pk}) not in body


def test_month_page_lists_classes_by_date_whatever_their_centre(client):
    first, second = (
        CentreFactory(name="あ地区公民館", position=1),
        CentreFactory(name="い地区公民館", position=2),
    )

    def at(day, hour=10):
        return dt.datetime(2026, 12, day, hour, tzinfo=fiscal.TOKYO)

    for centre, day, title in [
        (second, 3, "三日の教室"),
        (first, 10, "十日の教室"),
        (second, 1, "一日の教室"),
    ]:
        SmartphoneClassFactory(centre=centre, title=title, starts_at=at(day), ends_at=at(day, 12))
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=fiscal.TOKYO), tick=False):
        body = client.get(
            reverse("classes:month", kwargs={"year": 2026, "month": 12})
        ).content.decode()
    assert "2026年12月のスマホ教室" in body
    assert (
        body.index("2026年12月1日（火）")
        < body.index("一日の教室")
        < body.index("2026年12月3日（木）")
    )
    assert body.index("三日の教室") < body.index("2026年12月10日（木）") < body.index("十日の教室")
    assert (
        body.count("い地区公民館") == 2 and body.count("あ地区公民館") == 1
    )  # each class names its centre


@pytest.mark.parametrize("size", [2, 20])
def test_month_page_queries_do_not_grow(client, django_assert_num_queries, size):
    centres = [CentreFactory() for _ in range(4)]
    day = timezone.localdate().replace(day=1) + dt.timedelta(days=40)
    for number in range(size):
        start = timezone.make_aware(
            dt.datetime.combine(day.replace(day=1 + number % 27), dt.time(10))
        )
        c = SmartphoneClassFactory(
            centre=centres[number % 4], starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )
        SignUpFactory(smartphone_class=c)
    with django_assert_num_queries(1):
        response = client.get(
            reverse("classes:month", kwargs={"year": day.year, "month": day.month})
        )
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_index_queries_do_not_grow(client, django_assert_num_queries, size):
    centre = CentreFactory()
    for number in range(size):
        SmartphoneClassFactory(
            centre=centre,
            starts_at=in_days(number % 60 + 1),
            ends_at=in_days(number % 60 + 1, hour=12),
        )
    with django_assert_num_queries(3):  # classes, centres, their towns
        assert client.get(reverse("classes:index")).status_code == 200


def test_centre_page_links_its_feed_and_flyer(client, smartphone_class):
    centre = smartphone_class.centre
    body = client.get(reverse("classes:centre", kwargs={"slug": centre.slug})).content.decode()
    assert f"webcal://testserver/classes/{centre.slug}/calendar.ics" in body
    assert f"http://testserver/classes/{centre.slug}/calendar.ics" in body
    assert reverse("classes:flyer", kwargs={"slug": centre.slug}) in body
    assert smartphone_class.title in body


def test_flyer_has_the_classes_of_the_period_and_a_qr_code(client, centre):
    inside = SmartphoneClassFactory(
        centre=centre, title="期間内", starts_at=in_days(10), ends_at=in_days(10, hour=12)
    )
    SmartphoneClassFactory(
        centre=centre, title="期間外", starts_at=in_days(200), ends_at=in_days(200, hour=12)
    )
    start = timezone.localtime(inside.starts_at).date().replace(day=1)
    body = client.get(
        reverse("classes:flyer", kwargs={"slug": centre.slug}),
        {"start": start.isoformat(), "months": 1},
    ).content.decode()
    assert "期間内" in body and "期間外" not in body
    assert reverse("classes:centre_qr", kwargs={"slug": centre.slug}) in body
    qr = client.get(reverse("classes:centre_qr", kwargs={"slug": centre.slug}))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in qr.content


@pytest.mark.parametrize(
    "path",
    [
        "/classes/month/2026/13/",
        "/classes/month/2026/0/",
        "/classes/month/99999/1/",
        "/classes/class/999999/",
        "/classes/class/999999/signup/",
        "/classes/nowhere/",
        "/classes/nowhere/flyer/",
        "/classes/nowhere/qr.svg",
        "/classes/signup/not-a-token/",
    ],
)
def test_bad_addresses_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2026-02-30", "months": "7"},
        {"start": "yesterday"},
        {"months": "-1"},
        {"start": "<script>"},
    ],
)
def test_flyer_ignores_bad_periods(client, centre, query):
    response = client.get(reverse("classes:flyer", kwargs={"slug": centre.slug}), query)
    assert response.status_code == 200


def test_unpublished_class_page_is_404(client, centre):
    c = SmartphoneClassFactory(centre=centre, published=False)
    assert client.get(reverse("classes:class", kwargs={"pk": c.pk})).status_code == 404
    assert client.get(reverse("classes:signup", kwargs={"pk": c.pk})).status_code == 404


def test_public_pages_load_the_large_print_stylesheet(client, smartphone_class):
    body = client.get(reverse("classes:class", kwargs={"pk": smartphone_class.pk})).content.decode()
    assert "css/classes.css" in body
    assert " style=" not in body and "<script" not in body


def test_reserved_words_cannot_be_centre_slugs(db):
    from django.core.exceptions import ValidationError

    centre = CentreFactory.build(slug="manage")
    with pytest.raises(ValidationError):
        centre.full_clean()


def test_classes_are_ordered_by_start(db):
    assert SmartphoneClass._meta.ordering == ["starts_at", "pk"]


def test_pages_work_in_english_too(client, smartphone_class, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    for url in (
        reverse("classes:index"),
        reverse("classes:class", kwargs={"pk": smartphone_class.pk}),
        reverse("classes:signup", kwargs={"pk": smartphone_class.pk}),
        reverse("classes:centre", kwargs={"slug": smartphone_class.centre.slug}),
    ):
        body = client.get(url).content.decode()
        assert '<html lang="en">' in body
    body = client.get(reverse("classes:index")).content.decode()
    assert "of 12 seats left" in body


def test_very_long_or_odd_input_is_a_form_error(client, smartphone_class):
    url = reverse("classes:signup", kwargs={"pk": smartphone_class.pk})
    response = client.post(
        url,
        {
            "name": "あ" * 500,
            "phone": "0" * 30,
            "email": "é@" + "x" * 300,
            "consent": "yes",
            "age_band": "<b>",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "phone", "email", "age_band"}
