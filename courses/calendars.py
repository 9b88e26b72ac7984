"""Sessions as iCalendar events: e-mail attachments and each person's private feed."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Registration, RegistrationStatus, Session, SessionStatus
from learning.ical import CalendarEvent, build_calendar
from learning.links import absolute_url
from learning.models import Staff


def session_uid(session: Session) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"course-session-{session.pk}@{host}"


def session_event(
    session: Session,
    *,
    registration: Registration | None = None,
    cancelled: bool = False,
    attendee: str = "",
    stamp: dt.datetime | None = None,
) -> CalendarEvent:
    """The session as one event; UID stays the same for its whole life. SEQUENCE is the
    session's revision plus, for one person's copy, their registration's (raised when they
    cancel or register again). ``stamp`` is when a mailed message is created (DTSTAMP)."""
    cancelled = cancelled or session.status == SessionStatus.CANCELLED
    title = session.course.title
    location = session.place or session.online_url
    description = "\n".join(
        part
        for part in (
            session.course.description,
            session.online_url and _("Online: %(url)s") % {"url": session.online_url},
        )
        if part
    )
    return CalendarEvent(
        uid=session_uid(session),
        summary=(_("[Cancelled] %(title)s") % {"title": title}) if cancelled else title,
        start=session.starts_at,
        end=session.ends_at,
        last_modified=session.updated_at,
        stamp=stamp,
        sequence=session.sequence + (registration.calendar_sequence if registration else 0),
        description=description,
        location=location,
        url=absolute_url(session.get_absolute_url()),
        status="CANCELLED" if cancelled else "CONFIRMED",
        organizer=settings.DEFAULT_FROM_EMAIL if attendee else "",
        attendees=(attendee,) if attendee else (),
    )


def invitation(registration: Registration) -> bytes:
    """The session for the registered person's calendar (iTIP PUBLISH), stamped now."""
    return build_calendar(
        name=_("Staff training"),
        events=[
            session_event(registration.session, registration=registration, stamp=timezone.now())
        ],
        method="PUBLISH",
    )


def cancellation(registration: Registration) -> bytes:
    """iTIP CANCEL for the registered person: same UID, higher SEQUENCE (the cancellation
    raised the registration's), ORGANIZER and ATTENDEE set, so mail clients remove the event
    they added from the invitation."""
    return build_calendar(
        name=_("Staff training"),
        events=[
            session_event(
                registration.session,
                registration=registration,
                cancelled=True,
                attendee=registration.staff.user.email,
                stamp=timezone.now(),
            )
        ],
        method="CANCEL",
    )


def personal_feed(staff: Staff) -> bytes:
    """The person's confirmed sessions from 90 days back onwards (cancelled ones marked)."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
    registrations = (
        Registration.objects.filter(
            staff=staff, status=RegistrationStatus.CONFIRMED, session__ends_at__gte=since
        )
        .select_related("session__course")
        .order_by("session__starts_at", "session__pk")
    )
    return build_calendar(
        name=_("My training (%(name)s)") % {"name": staff.name},
        events=[session_event(r.session, registration=r) for r in registrations],
        refresh=dt.timedelta(hours=6),
    )
