"""The public iCalendar feeds: valid, stable, cancellations kept, cheap to poll."""

import datetime as dt

import pytest
import time_machine
import vobject
from django.urls import reverse
from django.utils import timezone

from classes.models import SmartphoneClass
from classes.services.classes import cancel_class, update_class
from tests.classes.factories import CentreFactory, SmartphoneClassFactory, in_days

pytestmark = pytest.mark.django_db

FEED = reverse("classes:feed")


def parse(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = vobject.readOne(response.content.decode("utf-8"))
    return list(getattr(calendar, "vevent_list", []))


def events_by_uid(response) -> dict:
    return {event.uid.value: event for event in parse(response)}


def test_feed_parses_with_an_independent_parser_and_keeps_japanese_punctuation(client, centre):
    SmartphoneClassFactory(
        centre=centre,
        title="スマホ入門, 初級; その1",
        description="電源の入れ方、文字入力; 写真\n2行目も",
        what_to_bring="スマートフォン, 筆記用具",
        place="2階, 会議室",
    )
    response = client.get(FEED)
    [event] = parse(response)
    assert event.summary.value == "スマホ入門, 初級; その1"
    assert "電源の入れ方、文字入力; 写真\n2行目も" in event.description.value
    assert "持ち物: スマートフォン, 筆記用具" in event.description.value
    assert event.location.value.startswith(f"{centre.name} 2階, 会議室")
    assert event.status.value == "CONFIRMED"
    assert event.url.value.startswith("http://testserver/classes/class/")
    assert event.dtstart.value.utcoffset() == dt.timedelta(hours=9)
    text = response.content.decode()
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n" in text
    assert "DTSTART;TZID=Asia/Tokyo:" in text
    assert "X-WR-CALNAME:鹿嶋市 スマホ教室（すべての公民館）\r\n" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in text


def test_the_same_data_gives_the_same_bytes(client, smartphone_class):
    first = client.get(FEED).content
    from django.core.cache import cache

    cache.clear()
    assert client.get(FEED).content == first


def test_uid_stays_and_sequence_grows_when_a_class_changes(client, smartphone_class):
    [before] = parse(client.get(FEED))
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        update_class(
            smartphone_class=smartphone_class,
            title="タイトル変更",
            starts_at=in_days(15),
            ends_at=in_days(15, hour=12),
        )
        [after] = parse(client.get(FEED))
    assert after.uid.value == before.uid.value
    assert int(after.sequence.value) == int(before.sequence.value) + 1
    assert after.summary.value == "タイトル変更"
    assert after.last_modified.value > before.last_modified.value
    assert after.dtstamp.value == after.last_modified.value


def test_attendance_and_seats_do_not_change_the_calendar(client, smartphone_class):
    before = client.get(FEED).content
    from classes.services.signups import sign_up

    sign_up(smartphone_class=smartphone_class, name="鹿嶋 花子", phone="090-1234-5678")
    update_class(smartphone_class=smartphone_class, capacity=20)
    assert client.get(FEED).content == before


def test_a_cancelled_class_stays_marked_until_30_days_after(client, smartphone_class):
    cancel_class(smartphone_class=smartphone_class)
    [event] = parse(client.get(FEED))
    assert event.status.value == "CANCELLED"
    assert event.summary.value == f"【中止】{smartphone_class.title}"
    assert int(event.sequence.value) == 1
    with time_machine.travel(smartphone_class.starts_at + dt.timedelta(days=29)):
        assert len(parse(client.get(FEED))) == 1
    with time_machine.travel(smartphone_class.starts_at + dt.timedelta(days=31)):
        assert parse(client.get(FEED)) == []


def test_classes_from_90_days_back_onwards(client, centre):
    SmartphoneClassFactory(
        centre=centre, title="最近", starts_at=in_days(-89), ends_at=in_days(-89, hour=12)
    )
    SmartphoneClassFactory(
        centre=centre, title="昔", starts_at=in_days(-91), ends_at=in_days(-91, hour=12)
    )
    SmartphoneClassFactory(centre=centre, title="非公開", published=False)
    titles = [event.summary.value for event in parse(client.get(FEED))]
    assert titles == ["最近"]


def test_centre_feed_has_only_that_centre(client, centre):
    other = CentreFactory()
    mine = SmartphoneClassFactory(centre=centre)
    SmartphoneClassFactory(centre=other)
    response = client.get(reverse("classes:centre_feed", kwargs={"slug": centre.slug}))
    assert [e.summary.value for e in parse(response)] == [mine.title]
    assert f"X-WR-CALNAME:{centre.name}のスマホ教室" in response.content.decode()


def test_class_file_is_an_attachment_with_one_event(client, smartphone_class):
    response = client.get(reverse("classes:class_ics", kwargs={"pk": smartphone_class.pk}))
    [event] = parse(response)
    assert event.uid.value == f"{smartphone_class.uid}@classes.city-learning"
    assert response["Content-Disposition"].startswith("attachment;")


def test_unchanged_feed_answers_304(client, smartphone_class):
    first = client.get(FEED)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(FEED, headers={"if-none-match": etag}).status_code == 304
    assert client.get(FEED, headers={"if-modified-since": modified}).status_code == 304
    centre_feed = reverse("classes:centre_feed", kwargs={"slug": smartphone_class.centre.slug})
    centre_etag = client.get(centre_feed)["ETag"]
    assert client.get(centre_feed, headers={"if-none-match": centre_etag}).status_code == 304
    class_file = reverse("classes:class_ics", kwargs={"pk": smartphone_class.pk})
    class_etag = client.get(class_file)["ETag"]
    assert client.get(class_file, headers={"if-none-match": class_etag}).status_code == 304


def test_a_change_gives_a_new_etag_and_a_full_answer(client, smartphone_class):
    etag = client.get(FEED)["ETag"]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        update_class(smartphone_class=smartphone_class, place="1階 和室")
        response = client.get(FEED, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_class_leaving_the_window_changes_the_etag(client, centre):
    SmartphoneClassFactory(centre=centre, starts_at=in_days(-80), ends_at=in_days(-80, hour=12))
    etag = client.get(FEED)["ETag"]
    with time_machine.travel(timezone.now() + dt.timedelta(days=20)):
        response = client.get(FEED, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert parse(response) == []


def test_unknown_centre_or_class_is_404(client):
    assert client.get(reverse("classes:centre_feed", kwargs={"slug": "nowhere"})).status_code == 404
    assert client.get(reverse("classes:class_ics", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_feed_queries_do_not_grow_with_the_classes(client, django_assert_num_queries, size):
    centres = [CentreFactory() for _ in range(3)]
    for number in range(size):
        SmartphoneClassFactory(
            centre=centres[number % 3],
            starts_at=in_days(number + 1),
            ends_at=in_days(number + 1, hour=12),
        )
    SmartphoneClass.objects.filter(pk=SmartphoneClass.objects.first().pk).update(status="cancelled")
    with django_assert_num_queries(2):  # the version, then the classes to build
        response = client.get(FEED)
    assert len(parse(response)) == size
    with django_assert_num_queries(1):  # same version: the cached bytes
        assert client.get(FEED).content == response.content
    with django_assert_num_queries(1):
        assert client.get(FEED, headers={"if-none-match": response["ETag"]}).status_code == 304
    with django_assert_num_queries(3):  # the centre, then as above
        client.get(reverse("classes:centre_feed", kwargs={"slug": centres[0].slug}))


def test_after_one_change_only_that_event_is_serialised_again(client, centre, monkeypatch):
    import classes.feeds

    classes_ = [SmartphoneClassFactory(centre=centre) for _ in range(5)]
    first = client.get(FEED).content
    calls = []
    real = classes.feeds.event_bytes
    monkeypatch.setattr(
        classes.feeds, "event_bytes", lambda event: calls.append(event) or real(event)
    )
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        update_class(smartphone_class=classes_[2], title="変更した教室")
        second = client.get(FEED).content
    assert [event.summary for event in calls] == ["変更した教室"]
    assert second != first and "変更した教室" in second.decode()
    from django.core.cache import cache

    cache.clear()
    assert client.get(FEED).content == second  # cached pieces give the same bytes


def test_a_new_centre_phone_number_gives_a_new_etag(client, smartphone_class):
    etag = client.get(FEED)["ETag"]
    centre = smartphone_class.centre
    centre.phone = "0299-99-9999"
    centre.save()
    response = client.get(FEED, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "0299-99-9999" in response.content.decode()
