"""Fiscal years (年度): 1 April to 31 March, Asia/Tokyo.

The one place that says which fiscal year a date belongs to. FY2026 runs from
2026-04-01 to 2027-03-31 and is 令和8年度.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

TOKYO = ZoneInfo("Asia/Tokyo")
PLAN_FIRST_YEAR = 2022  # 令和4年度, the first year of the DX plan
PLAN_LAST_YEAR = 2026  # 令和8年度

# (first Western year, era name): Reiwa began 2019-05-01, but fiscal years are named
# by the era of their start, so FY2019 (from 2019-04-01) is 令和元年度 by convention.
ERAS = ((2019, "令和"), (1989, "平成"), (1926, "昭和"))


def fiscal_year_of(value: dt.date | dt.datetime) -> int:
    """The fiscal year of a date, or of an aware datetime seen in Asia/Tokyo."""
    if isinstance(value, dt.datetime):
        value = (
            timezone.localtime(value, TOKYO).date() if timezone.is_aware(value) else value.date()
        )
    return value.year if value.month >= 4 else value.year - 1


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate(timezone=TOKYO))


def first_day(fy: int) -> dt.date:
    return dt.date(fy, 4, 1)


def last_day(fy: int) -> dt.date:
    return dt.date(fy + 1, 3, 31)


def start_datetime(fy: int) -> dt.datetime:
    """The first instant of the fiscal year (inclusive), Asia/Tokyo."""
    return dt.datetime(fy, 4, 1, tzinfo=TOKYO)


def end_datetime(fy: int) -> dt.datetime:
    """The first instant after the fiscal year (exclusive), Asia/Tokyo."""
    return dt.datetime(fy + 1, 4, 1, tzinfo=TOKYO)


def reference_day(fy: int, *, today: dt.date | None = None) -> dt.date:
    """The day a year is judged on: its last day, or today while the year is running."""
    today = today or timezone.localdate(timezone=TOKYO)
    return min(last_day(fy), today) if fy == fiscal_year_of(today) else last_day(fy)


def era_year(fy: int) -> tuple[str, str]:
    for first, name in ERAS:
        if fy >= first:
            number = fy - first + 1
            return name, "元" if number == 1 else str(number)
    raise ValueError(f"No Japanese era for {fy}")


def japanese_label(fy: int) -> str:
    """令和8年度 for 2026, 令和元年度 for 2019."""
    name, number = era_year(fy)
    return f"{name}{number}年度"


def label(fy: int) -> str:
    """Both forms, as shown to users: 令和8年度 (2026年度) / FY2026 (Reiwa 8)."""
    return _("%(japanese)s (%(year)s)") % {
        "japanese": japanese_label(fy),
        "year": _("FY%(year)d") % {"year": fy},
    }


def japanese_date(value: dt.date) -> str:
    """令和8年4月1日 (the era form used on printed notices)."""
    for first, name in ERAS:
        start = (
            dt.date(2019, 5, 1) if name == "令和" else dt.date(first, 1, 8 if first == 1989 else 25)
        )
        if value >= start:
            number = value.year - first + 1
            return f"{name}{'元' if number == 1 else number}年{value.month}月{value.day}日"
    return value.isoformat()


@dataclass(frozen=True)
class FiscalYear:
    year: int

    @property
    def first_day(self) -> dt.date:
        return first_day(self.year)

    @property
    def last_day(self) -> dt.date:
        return last_day(self.year)

    @property
    def label(self) -> str:
        return label(self.year)

    @property
    def japanese(self) -> str:
        return japanese_label(self.year)

    def __str__(self) -> str:
        return self.label


def selectable_years(*, first: int = PLAN_FIRST_YEAR) -> list[int]:
    """Years a report can be asked for: the plan's first year to the next one."""
    return list(range(max(current_fiscal_year() + 1, PLAN_LAST_YEAR), first - 1, -1))


def parse_fiscal_year(raw: object, *, first: int = PLAN_FIRST_YEAR) -> int | None:
    """The year a user sent (``?fy=``, a form field) when it is one of the selectable
    years, else None. Only ASCII digits: ``int()`` would also take ``１``, ``2_026`` and
    thousands of digits, and a year outside the calendar fails far from here."""
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        return None
    fy = int(text)
    return fy if fy in selectable_years(first=first) else None


def selected_fiscal_year(request, *, first: int = PLAN_FIRST_YEAR) -> int:
    """The year in ?fy=YYYY when it is one of the selectable years, else the running year."""
    fy = parse_fiscal_year(request.GET.get("fy", ""), first=first)
    return current_fiscal_year() if fy is None else fy
