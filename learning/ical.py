"""iCalendar (RFC 5545) output every app shares: feeds, "add to my calendar" files and
e-mail invitations.

The same events always give the same bytes: in feeds DTSTAMP and LAST-MODIFIED come
from the event's last change (never from "now"), events keep the caller's order, and the
calendar has no random UID. That keeps ETags stable and diffs readable. A message sent by
mail (iTIP) is different: RFC 5545 makes its DTSTAMP the moment the message was created,
so the caller passes ``CalendarEvent.stamp``; calendar apps then take an update with a
higher SEQUENCE (or, at the same SEQUENCE, a later DTSTAMP) over what they hold.

    body = build_calendar(name="スマホ教室", events=[CalendarEvent(...)], refresh=timedelta(hours=6))
    return calendar_response(request, build=lambda: body, etag=..., last_modified=...)
"""

import datetime as dt
import functools
import hashlib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from icalendar import Calendar, Event, Timezone, vCalAddress, vDuration, vText

TZID = "Asia/Tokyo"
PRODID = "-//City learning and digital support//JA"
CONTENT_TYPE = "text/calendar; charset=utf-8"
STATUSES = ("TENTATIVE", "CONFIRMED", "CANCELLED")
METHODS = ("PUBLISH", "REQUEST", "CANCEL")


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT. ``start``/``end`` are aware datetimes (shown in Asia/Tokyo);
    ``last_modified`` is the event's last change and becomes LAST-MODIFIED, and DTSTAMP
    unless ``stamp`` (when a mailed message was created) is given. Feeds leave ``stamp``
    empty so their bytes stay the same until the event changes."""

    uid: str
    summary: str
    start: dt.datetime
    end: dt.datetime
    last_modified: dt.datetime
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"
    organizer: str = ""  # e-mail address; iTIP REQUEST/CANCEL mail needs one (RFC 5546)
    attendees: tuple[str, ...] = ()  # e-mail addresses
    stamp: dt.datetime | None = None  # iTIP mail only: when the message was created

    def __post_init__(self):
        # Written as they are (not TEXT): a line break would end the content line early.
        for name in ("uid", "url", "organizer"):
            _refuse_controls(getattr(self, name), name)
        for attendee in self.attendees:
            _refuse_controls(attendee, "attendees")
        for name in ("start", "end", "last_modified", "stamp"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"CalendarEvent.{name} must be an aware datetime")
        if self.status not in STATUSES:
            raise ValueError(f"unknown event status {self.status!r}")
        if self.end <= self.start:
            raise ValueError("an event must end after it starts")


def _refuse_controls(value: str, name: str) -> None:
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValueError(f"CalendarEvent.{name} must not contain control characters")


def text(value: str) -> vText:
    """A TEXT value (RFC 5545 3.3.11). Every text property goes through here: vText
    escapes line breaks (as ``\\n``), ``;``, ``,`` and ``\\``, and the other control
    characters, which TEXT never allows, are dropped. icalendar treats properties it does
    not know (NAME, X-WR-CALNAME) as raw: a line break in a class title there ended the
    line and began another — an assertion (a 500), or under ``python -O`` a forged VEVENT."""
    return vText(
        "".join(char for char in value if char in "\t\r\n" or unicodedata.category(char) != "Cc")
    )


@functools.cache
def _tokyo() -> tuple[Timezone, object]:
    """The VTIMEZONE (slow to compute, so once per process) and the tzinfo it describes."""
    from learning.fiscal import TOKYO

    return (
        Timezone.from_tzid(TZID, first_date=dt.date(1970, 1, 1), last_date=dt.date(2100, 1, 1)),
        TOKYO,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _vevent(item: CalendarEvent, tokyo) -> Event:
    event = Event()
    event.add("UID", item.uid)
    event.add("DTSTAMP", _utc(item.stamp or item.last_modified))
    event.add("LAST-MODIFIED", _utc(item.last_modified))
    event.add("SEQUENCE", item.sequence)
    event.add("DTSTART", item.start.astimezone(tokyo).replace(microsecond=0))
    event.add("DTEND", item.end.astimezone(tokyo).replace(microsecond=0))
    event.add("SUMMARY", text(item.summary))
    if item.description:
        event.add("DESCRIPTION", text(item.description))
    if item.location:
        event.add("LOCATION", text(item.location))
    if item.url:
        event.add("URL", item.url)
    event.add("STATUS", item.status)
    if item.organizer:
        event.add("ORGANIZER", vCalAddress(f"mailto:{item.organizer}"))
    for attendee in item.attendees:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["ROLE"] = "REQ-PARTICIPANT"
        event.add("ATTENDEE", address)
    return event


def event_bytes(item: CalendarEvent) -> bytes:
    """One VEVENT, serialised: callers may cache it and pass it to ``build_calendar``."""
    _timezone, tokyo = _tokyo()
    return _vevent(item, tokyo).to_ical()


def build_calendar(
    *,
    name: str,
    events: Iterable[CalendarEvent | bytes],
    method: str | None = None,
    refresh: dt.timedelta | None = None,
    description: str = "",
) -> bytes:
    """A complete VCALENDAR (CRLF line ends, lines folded at 75 octets) as UTF-8 bytes.

    ``name`` becomes NAME and X-WR-CALNAME; ``refresh`` becomes REFRESH-INTERVAL (RFC 7986)
    and X-PUBLISHED-TTL (Outlook, older Apple clients); ``method`` is for iTIP mail
    (PUBLISH, REQUEST, CANCEL) and left out for subscribed feeds. ``events`` may mix
    CalendarEvent and bytes from ``event_bytes`` (e.g. from a cache)."""
    timezone_component, _tokyo_tz = _tokyo()
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method is not None:
        if method not in METHODS:
            raise ValueError(f"unknown iTIP method {method!r}")
        calendar.add("METHOD", method)
    calendar.add("NAME", text(name))
    calendar.add("X-WR-CALNAME", text(name))
    if description:
        calendar.add("X-WR-CALDESC", text(description))
    calendar.add("X-WR-TIMEZONE", TZID)
    if refresh is not None:
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    calendar.add_component(timezone_component)
    shell = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    if not shell.endswith(end):
        raise RuntimeError("unexpected calendar serialisation")
    body = b"".join(item if isinstance(item, bytes) else event_bytes(item) for item in events)
    return shell[: -len(end)] + body + end


def make_etag(*parts: object) -> str:
    """A strong ETag from whatever identifies a version of the content."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return quote_etag(digest)


def calendar_response(
    request: HttpRequest,
    *,
    build: Callable[[], bytes],
    etag: str | None,
    last_modified: dt.datetime | None,
    filename: str,
    attachment: bool = False,
    max_age: int = 900,
    private: bool = False,
) -> HttpResponseBase:
    """Answer 304 Not Modified when the client's If-None-Match / If-Modified-Since still
    match, otherwise call ``build`` and send the calendar. Building is skipped on 304.
    ``private`` (one person's feed behind a secret URL) keeps shared caches from storing it."""
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if not_modified is not None:
        response: HttpResponseBase = not_modified
    else:
        response = HttpResponse(build(), content_type=CONTENT_TYPE)
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if etag:
        response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"{'private' if private else 'public'}, max-age={max_age}"
    return response
