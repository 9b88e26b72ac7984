"""The classes as iCalendar: one feed for all centres, one per centre, one file per class."""

import datetime as dt
import functools
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from classes.models import SmartphoneClass
from learning import city
from learning.ical import CalendarEvent, build_calendar, event_bytes, make_etag
from learning.links import absolute_url

REFRESH = dt.timedelta(hours=6)
CACHE_SECONDS = 24 * 60 * 60
UID_DOMAIN = "classes.city-learning"


def class_uid(smartphone_class: SmartphoneClass) -> str:
    """Never changes, whatever is edited, so calendars update the event in place."""
    return f"{smartphone_class.uid}@{UID_DOMAIN}"


def class_event(smartphone_class: SmartphoneClass) -> CalendarEvent:
    centre = smartphone_class.centre
    cancelled = smartphone_class.is_cancelled
    summary = smartphone_class.title
    if cancelled:
        summary = _("【Cancelled】%(title)s") % {"title": summary}
    lines = []
    if cancelled:
        lines += [_("This class has been cancelled."), ""]
    lines.append(_("Topic: %(topic)s") % {"topic": smartphone_class.get_topic_display()})
    if smartphone_class.description:
        lines += ["", smartphone_class.description]
    if smartphone_class.what_to_bring:
        lines += ["", _("What to bring: %(items)s") % {"items": smartphone_class.what_to_bring}]
    if centre.phone:
        lines += [
            "",
            _("Enquiries: %(centre)s %(phone)s") % {"centre": centre.name, "phone": centre.phone},
        ]
    url = absolute_url(smartphone_class.get_absolute_url())
    lines += ["", url]
    location = " ".join(part for part in (centre.name, smartphone_class.place) if part)
    if centre.address:
        location = f"{location}, {centre.address}"
    return CalendarEvent(
        uid=class_uid(smartphone_class),
        summary=summary,
        start=smartphone_class.starts_at,
        end=smartphone_class.ends_at,
        last_modified=smartphone_class.updated_at,
        sequence=smartphone_class.sequence,
        description="\n".join(lines),
        location=location,
        url=url,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )


@functools.lru_cache(maxsize=20_000)
def _serialised(event: CalendarEvent) -> bytes:
    """Serialising is most of a feed's cost; the same event always gives the same bytes, so
    after one class changes a feed of 2,000 serialises one event, not 2,000. Per process,
    bounded (about 0.6 KB an event)."""
    return event_bytes(event)


def calendar_bytes(*, name: str, classes: Iterable[SmartphoneClass]) -> bytes:
    # Calendars are always Japanese: the bytes must not depend on the browser's language.
    with translation.override("ja"):
        return build_calendar(
            name=name,
            events=[_serialised(class_event(c)) for c in classes],
            refresh=REFRESH,
            description=_("Smartphone classes at the community centres of %(city)s")
            % {"city": city.current().name},
        )


def feed_etag(kind: str, fingerprint: str) -> str:
    return make_etag(kind, settings.SITE_URL, city.current().name, fingerprint)


def cached_calendar_bytes(
    *, etag: str, name: str, load: Callable[[], Iterable[SmartphoneClass]]
) -> bytes:
    """Building 2,000 events takes most of a second: keep the bytes per version of the
    feed, and load the classes only when they must be built."""
    key = f"classes:ics:{etag}"
    body = cache.get(key)
    if body is None:
        body = calendar_bytes(name=name, classes=load())
        cache.set(key, body, CACHE_SECONDS)
    return body
