"""The shared iCalendar helper (learning/ical.py)."""

import datetime as dt

import pytest
import recurring_ical_events
import vobject
from django.test import RequestFactory
from icalendar import Calendar

from learning.fiscal import TOKYO
from learning.ical import CalendarEvent, build_calendar, calendar_response, make_etag

TRICKY = "スマホ教室, 初級; 入門\n2行目\\バックスラッシュ"


def event(**overrides) -> CalendarEvent:
    values = {
        "uid": "class-1@example",
        "summary": TRICKY,
        "start": dt.datetime(2026, 5, 1, 10, tzinfo=TOKYO),
        "end": dt.datetime(2026, 5, 1, 12, tzinfo=TOKYO),
        "last_modified": dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC),
        "description": "持ち物: スマートフォン、筆記用具; メモ帳\n" * 5,
        "location": "中央公民館 2階, 会議室",
        "url": "https://city.example.jp/classes/class/1/",
    }
    return CalendarEvent(**{**values, **overrides})


def test_same_events_give_the_same_bytes():
    first = build_calendar(name="スマホ教室", events=[event()], refresh=dt.timedelta(hours=6))
    second = build_calendar(name="スマホ教室", events=[event()], refresh=dt.timedelta(hours=6))
    assert first == second


def test_an_independent_parser_reads_japanese_text_with_commas_semicolons_and_newlines():
    body = build_calendar(name="スマホ教室", events=[event()])
    parsed = vobject.readOne(body.decode("utf-8"))
    vevent = parsed.vevent
    assert vevent.summary.value == TRICKY
    assert vevent.location.value == "中央公民館 2階, 会議室"
    assert vevent.description.value == "持ち物: スマートフォン、筆記用具; メモ帳\n" * 5
    assert vevent.dtstart.value == dt.datetime(2026, 5, 1, 10, tzinfo=TOKYO)
    assert vevent.dtstart.value.utcoffset() == dt.timedelta(hours=9)
    assert "DTSTART;TZID=Asia/Tokyo:20260501T100000\r\n" in body.decode()
    assert parsed.vtimezone.tzid.value == "Asia/Tokyo"


def test_lines_are_folded_at_75_octets_without_splitting_characters():
    body = build_calendar(name="スマホ教室", events=[event(description="あ" * 300)])
    assert body.endswith(b"\r\n")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a split multi-byte character would raise here


def test_calendar_properties_for_subscriptions():
    body = build_calendar(
        name="スマホ教室（全館）", events=[event()], refresh=dt.timedelta(hours=6)
    )
    text = body.decode()
    assert "X-WR-CALNAME:スマホ教室（全館）\r\n" in text
    assert "NAME:スマホ教室（全館）\r\n" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in text
    assert "X-PUBLISHED-TTL:PT6H\r\n" in text
    assert "METHOD" not in text
    assert "DTSTAMP:20260401T093000Z\r\n" in text
    assert "LAST-MODIFIED:20260401T093000Z\r\n" in text


def test_method_for_mail_invitations():
    body = build_calendar(name="研修", events=[event()], method="REQUEST")
    assert b"METHOD:REQUEST\r\n" in body
    with pytest.raises(ValueError):
        build_calendar(name="研修", events=[event()], method="DELETE")


def test_recurring_ical_events_finds_the_event_in_its_day():
    body = build_calendar(
        name="スマホ教室", events=[event(), event(uid="class-2@example", status="CANCELLED")]
    )
    found = recurring_ical_events.of(Calendar.from_ical(body)).at(dt.date(2026, 5, 1))
    assert sorted(str(e["UID"]) for e in found) == ["class-1@example", "class-2@example"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"start": dt.datetime(2026, 5, 1, 10)},
        {"last_modified": dt.datetime(2026, 4, 1)},
        {"status": "MAYBE"},
        {"end": dt.datetime(2026, 5, 1, 9, tzinfo=TOKYO)},
    ],
)
def test_bad_events_are_refused(overrides):
    with pytest.raises(ValueError):
        event(**overrides)


def test_conditional_response_answers_304_without_building():
    built = []
    etag = make_etag("v1")
    changed = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)

    def build():
        built.append(1)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    factory = RequestFactory()
    fresh = calendar_response(
        factory.get("/"), build=build, etag=etag, last_modified=changed, filename="a.ics"
    )
    assert fresh.status_code == 200
    assert fresh["ETag"] == etag
    assert fresh["Content-Type"] == "text/calendar; charset=utf-8"
    again = calendar_response(
        factory.get("/", headers={"if-none-match": etag}),
        build=build,
        etag=etag,
        last_modified=changed,
        filename="a.ics",
    )
    assert again.status_code == 304
    assert built == [1]
