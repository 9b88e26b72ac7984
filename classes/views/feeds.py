"""iCalendar feeds: public, cheap to poll (ETag / Last-Modified answer 304)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import override

from classes.feeds import cached_calendar_bytes, calendar_bytes, feed_etag
from classes.models import Centre
from classes.selectors import feed_classes, feed_version, public_class
from learning import city
from learning.ical import calendar_response, make_etag


def _feed(request, *, kind: str, name: str, queryset, filename: str):
    """One light query answers 304 or finds the cached bytes; a second loads the classes
    only when the calendar has to be built."""
    fingerprint, latest = feed_version(queryset)
    etag = feed_etag(kind, fingerprint)
    return calendar_response(
        request,
        build=lambda: cached_calendar_bytes(etag=etag, name=name, load=lambda: list(queryset)),
        etag=etag,
        last_modified=latest,
        filename=filename,
    )


def all_centres_feed(request):
    with override("ja"):
        name = _("%(city)s smartphone classes (all community centres)") % {
            "city": city.current().name
        }
    return _feed(
        request, kind="all", name=name, queryset=feed_classes(), filename="smartphone-classes.ics"
    )


def centre_feed(request, slug: str):
    centre = get_object_or_404(Centre, slug=slug)
    with override("ja"):
        name = _("Smartphone classes at %(centre)s") % {"centre": centre.name}
    return _feed(
        request,
        kind=f"centre:{centre.pk}:{centre.name}",
        name=name,
        queryset=feed_classes(centre=centre),
        filename=f"smartphone-classes-{centre.slug}.ics",
    )


def class_ics(request, pk: int):
    """One class as a file for "add to my calendar"."""
    smartphone_class = public_class(pk=pk)
    with override("ja"):
        name = smartphone_class.title
    centre = smartphone_class.centre
    etag = make_etag(
        "class",
        smartphone_class.pk,
        smartphone_class.sequence,
        smartphone_class.updated_at.timestamp(),
        centre.name,
        centre.address,
        centre.phone,
    )
    return calendar_response(
        request,
        build=lambda: calendar_bytes(name=name, classes=[smartphone_class]),
        etag=etag,
        last_modified=smartphone_class.updated_at,
        filename=f"smartphone-class-{smartphone_class.pk}.ics",
        attachment=True,
    )
