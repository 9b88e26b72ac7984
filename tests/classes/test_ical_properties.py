"""Any text staff can type survives the calendar: checked with an independent parser."""

import datetime as dt

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from learning.fiscal import TOKYO
from learning.ical import CalendarEvent, build_calendar

# Japanese, ASCII punctuation that iCalendar escapes, and line breaks as browsers send them.
PIECES = st.sampled_from([*"あア漢字スマホ教室、。「」（）　,;:\\\"'abcXYZ012 -\n", "\r\n"])
TEXT = st.lists(PIECES, max_size=120).map("".join)


@settings(max_examples=150, deadline=None)
@given(summary=TEXT.filter(lambda s: s.strip()), description=TEXT, location=TEXT)
def test_text_round_trips_through_vobject(summary, description, location):
    event = CalendarEvent(
        uid="p@example",
        summary=summary,
        start=dt.datetime(2026, 5, 1, 10, tzinfo=TOKYO),
        end=dt.datetime(2026, 5, 1, 12, tzinfo=TOKYO),
        last_modified=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
        description=description,
        location=location,
    )
    body = build_calendar(name="スマホ教室, 全館; テスト", events=[event])
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
    parsed = vobject.readOne(body.decode("utf-8")).vevent

    def normalised(text):
        return text.replace("\r\n", "\n")

    assert normalised(parsed.summary.value) == normalised(summary)
    if description:
        assert normalised(parsed.description.value) == normalised(description)
    if location:
        assert normalised(parsed.location.value) == normalised(location)
