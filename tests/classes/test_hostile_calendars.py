"""Whatever a title, a place or a name holds (also text stored before the text rule), every
calendar parses back with icalendar and vobject to exactly one VEVENT per class or session:
nothing can start a line of its own."""

import itertools

import icalendar
import pytest
import vobject
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from courses.models import RegistrationStatus
from learning.directory.services import rotate_calendar_token
from tests.classes.factories import CentreFactory, SmartphoneClassFactory
from tests.courses.factories import CourseFactory, RegistrationFactory, SessionFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

INJECTIONS = [
    "\nBEGIN:VEVENT\nUID:evil\nSUMMARY:偽の教室\nEND:VEVENT",
    "\r\nX-EVIL:1",
    "\rX-EVIL:1",
    "\nEND:VCALENDAR\nBEGIN:VCALENDAR",
    ";X-EVIL=1:",
    ",\\n\\",
    "\x0b\x0c\x1b[2J\x01",  # (no NUL: PostgreSQL cannot store one at all)
    "\u2028\u2029\u0085",
    "\u202e\u200b",
]
hostile = st.one_of(
    st.sampled_from(INJECTIONS),
    st.lists(
        st.sampled_from(INJECTIONS)
        | st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8
        ),
        min_size=1,
        max_size=5,
    ).map(lambda pieces: "".join(pieces)[:90]),  # names and titles hold 100 characters
)
SERIAL = itertools.count()
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def vevents(body: bytes) -> list:
    """The events, as two independent parsers read them (they must agree)."""
    parsed = icalendar.Calendar.from_ical(body)
    calendars = list(vobject.readComponents(body.decode("utf-8")))
    assert len(calendars) == 1
    assert not any(line.startswith(b"X-EVIL") for line in body.split(b"\r\n"))
    assert not any(line.startswith(b"UID:evil") for line in body.split(b"\r\n"))
    events = parsed.walk("VEVENT")
    assert len(events) == len(calendars[0].contents.get("vevent", []))
    return events


@SETTINGS
@given(title=hostile, place=hostile, description=hostile, centre_name=hostile, address=hostile)
@example(
    title="教室\nBEGIN:VEVENT",
    place="",
    description="",
    centre_name="中央\r\nX-EVIL:1",
    address="",
)
def test_every_class_calendar_has_one_event_per_class(
    client, title, place, description, centre_name, address
):
    serial = next(SERIAL)  # examples share the database: centre names are unique
    centre = CentreFactory(name=f"{centre_name}{serial}", slug=f"hostile-{serial}", address=address)
    classes = [
        SmartphoneClassFactory(
            centre=centre, title=title, place=place, description=description, what_to_bring=title
        ),
        SmartphoneClassFactory(centre=centre),
    ]
    for url, expected in (
        (reverse("classes:feed"), None),
        (reverse("classes:centre_feed", args=[centre.slug]), 2),
        (reverse("classes:class_ics", args=[classes[0].pk]), 1),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        events = vevents(response.content)
        uids = {str(event["UID"]) for event in events}
        assert all(uid.endswith("@classes.city-learning") for uid in uids)
        if expected is not None:
            assert len(events) == expected, url


@SETTINGS
@given(staff_name=hostile, course_title=hostile, place=hostile)
def test_the_personal_feed_has_one_event_per_session(client, staff_name, course_title, place):
    staff = StaffFactory(name=staff_name)
    session = SessionFactory(course=CourseFactory(title=course_title), place=place or "会議室")
    RegistrationFactory(staff=staff, session=session, status=RegistrationStatus.CONFIRMED)
    response = client.get(
        reverse("courses:personal_feed", args=[rotate_calendar_token(staff=staff)])
    )
    assert response.status_code == 200
    assert len(vevents(response.content)) == 1
