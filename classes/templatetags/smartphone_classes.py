"""Dates and seats the way older readers want them: 12月5日（金） 10:00〜12:00, あと3席."""

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from classes.services.signups import SignupState, signup_state
from learning import fiscal

register = template.Library()


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


@register.simple_tag
def seats_text(smartphone_class):
    """The seat situation in words (never by colour alone), from the service's rule."""
    state = signup_state(smartphone_class)
    if state == SignupState.CANCELLED:
        return _("Cancelled")
    if state == SignupState.HELD:
        return _("Held")
    if state == SignupState.FINISHED:
        return _("Finished")
    if state == SignupState.CLOSED:
        return _("Sign-up has closed")
    if state == SignupState.OPEN:
        return _("%(left)d of %(capacity)d seats left") % {
            "left": smartphone_class.capacity - getattr(smartphone_class, "confirmed_count", 0),
            "capacity": smartphone_class.capacity,
        }
    return _("Full: you can join the waiting list")


@register.simple_tag
def seats_state(smartphone_class):
    """A CSS modifier for the seat badge (the text says the same): open, full or closed."""
    state = signup_state(smartphone_class)
    return state.value if state.takes_signups else "closed"
