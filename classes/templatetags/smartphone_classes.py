"""Dates, seats and phone numbers the way older readers want them: 12月5日（金） 10:00〜12:00,
◯ 空きあり（残り5席）, and every phone number a link that dials it."""

import datetime as dt
import re

from django import template
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from classes.services.signups import Availability, availability, free_seats
from learning import fiscal

register = template.Library()

# A Japanese phone number inside free text (access notes, opening-hours notes): 0 and 9 or
# 10 more digits, grouped by hyphens or brackets. Checked for 10 or 11 digits before linking.
PHONE_IN_TEXT = re.compile(r"(?<![\d\w-])0\d{1,4}(?:[-(（)）]{1,2}\d{1,4}){1,2}(?![\d-])")


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value, fiscal.TOKYO)


@register.filter
def day_label(value):
    """2026年12月5日（土）"""
    if not isinstance(value, dt.date):
        return ""
    day = _local(value).date() if isinstance(value, dt.datetime) else value
    return _("%(date)s (%(weekday)s)") % {
        "date": formats.date_format(day, "DATE_FORMAT"),
        "weekday": formats.date_format(day, "D"),
    }


@register.filter
def month_label(value):
    """2026年12月"""
    if not isinstance(value, dt.date):
        return ""
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


@register.simple_tag
def class_time(smartphone_class):
    """10:00〜12:00"""
    return _("%(start)s to %(end)s") % {
        "start": _local(smartphone_class.starts_at).strftime("%H:%M"),
        "end": _local(smartphone_class.ends_at).strftime("%H:%M"),
    }


@register.filter
def clock(value):
    """9:00 (None: blank)"""
    if not isinstance(value, dt.time):
        return ""
    return f"{value.hour}:{value.minute:02d}"


@register.filter
def opening_days(centre):
    """月・火・水・木・金: the days the centre is open, in the page's language."""
    return "・".join(str(WEEKDAYS_ABBR[day - 1]) for day in centre.open_weekdays)


def tel_href(number: str) -> str:
    """tel:0299820001 — digits only (and a leading + for an international number)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"tel:{'+' if number.strip().startswith('+') else ''}{digits}"


@register.filter
def tel_link(number):
    """A phone number as a link that dials it (every number on the public pages is one)."""
    if not number:
        return ""
    return format_html('<a class="tel" href="{}">{}</a>', tel_href(str(number)), number)


@register.filter(needs_autoescape=True)
def link_phones(text, autoescape=True):
    """Free text with each phone number in it made a ``tel:`` link (the rest escaped)."""
    if not text:
        return ""
    escaped = conditional_escape(text) if autoescape else str(text)

    def link(match: re.Match) -> str:
        number = match.group(0)
        digits = sum(ch.isdigit() for ch in number)
        if not 10 <= digits <= 11:
            return number
        return f'<a class="tel" href="{tel_href(number)}">{number}</a>'

    return mark_safe(PHONE_IN_TEXT.sub(link, str(escaped)))


# The ◯/△/× convention, always with the words (a mark alone says nothing to a screen reader
# or to someone who does not know the convention).
MARKS = {Availability.AVAILABLE: "◯", Availability.FEW_LEFT: "△", Availability.FULL: "×"}


@register.simple_tag
def availability_of(smartphone_class):
    """The class's ``Availability`` value ("available", "few", "full", "closed", ...)."""
    return availability(smartphone_class).value


@register.inclusion_tag("classes/includes/seats.html")
def seat_badge(smartphone_class):
    """◯ 空きあり（残り5席） / △ 残りわずか（残り2席） / × 満席（キャンセル待ち受付中）."""
    kind = availability(smartphone_class)
    free = free_seats(smartphone_class)
    words = {
        Availability.AVAILABLE: _("Seats available"),
        Availability.FEW_LEFT: _("Few seats left"),
        Availability.FULL: _("Full"),
        Availability.CLOSED: _("Sign-up has closed"),
        Availability.FINISHED: _("This class is over"),
        Availability.HELD: _("This class is over"),
        Availability.CANCELLED: _("Cancelled"),
    }[kind]
    detail = ""
    if kind in (Availability.AVAILABLE, Availability.FEW_LEFT):
        detail = _("(%(left)d of %(capacity)d seats left)") % {
            "left": free,
            "capacity": smartphone_class.capacity,
        }
    elif kind == Availability.FULL:
        detail = _("(you can join the waiting list)")
    return {"kind": kind.value, "mark": MARKS.get(kind, ""), "words": words, "detail": detail}
