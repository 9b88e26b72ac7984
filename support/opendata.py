"""Household support in the open data (``learning.opendata``): the free ICT access places
for the national public facility list, and the yearly coverage by district (aggregates
only, suppressed by the one rule of ``learning.suppression``: the same districts are hidden
as on the coverage page and in the yearly report, so no file can be subtracted from another)."""

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from learning import city, fiscal
from learning.opendata import FREQUENCY_CONTINUOUS, Column, Dataset, weekdays_text
from learning.suppression import MARKER
from support.models import AccessPlace, Household, SupportRecord
from support.selectors.coverage import (
    FIRST_REPORTED_YEAR,
    ONE_DECIMAL,
    coverage_report,
    published,
)

COVERAGE_COLUMNS = (
    Column("fiscal_year", "integer", description=_("Fiscal year (1 April to 31 March)")),
    Column("district", description=_("District (地区), or “all” for the whole city")),
    Column(
        "households_needing_support",
        "integer",
        description=_("Households needing support in the year"),
    ),
    Column(
        "households_covered",
        "integer",
        description=_("Of those, households that have received support (cumulative)"),
    ),
    Column(
        "coverage_percent",
        "number",
        description=_("Households covered ÷ households needing support, in percent"),
    ),
    Column(
        "target_percent",
        "number",
        description=_("The plan's target for the year, in percent (empty when there is none)"),
    ),
)


def coverage_rows() -> list[list]:
    """Every reported year, the whole city first; hidden figures show the marker."""
    rows = []
    for fy in range(FIRST_REPORTED_YEAR, fiscal.current_fiscal_year() + 1):
        report = published(coverage_report(fy=fy))
        rows.append(_row(fy, "all", report.total))
        rows += [_row(fy, row.label, row) for row in report.districts]
    return rows


def _row(fy: int, district: str, row) -> list:
    hidden = row.hidden
    return [
        fy,
        district,
        MARKER if hidden else row.needing,
        MARKER if hidden else row.covered,
        MARKER if hidden else _percent(row.coverage),
        _percent(row.target),
    ]


def _percent(value):
    return None if value is None else Decimal(value).quantize(ONE_DECIMAL)


def coverage_modified() -> dt.datetime | None:
    changed = Household.objects.aggregate(latest=Max("updated_at"))["latest"]
    recorded = SupportRecord.objects.aggregate(latest=Max("created_at"))["latest"]
    return max((moment for moment in (changed, recorded) if moment), default=None)


def datasets() -> list[Dataset]:
    return [
        Dataset(
            key="support",
            title=_("Digital support for households: coverage by fiscal year and district"),
            description=_(
                "One row per fiscal year (from FY2023 to the running year) and district, plus "
                "the district “all” for the whole city. Percentages have one decimal. Households "
                "needing support in a year are those identified on or before its last day and "
                "not closed before its first day; covered are those of them with at least one "
                "support on or before the year's last day (cumulative)."
            ),
            columns=COVERAGE_COLUMNS,
            rows=coverage_rows,
            frequency=_("Whenever support is recorded (the figures of the running year)"),
            accrual=FREQUENCY_CONTINUOUS,
            modified=coverage_modified,
        )
    ]


def facilities() -> list[dict]:
    organiser = city.current().name
    return [
        {
            "名称": place.name,
            "名称_カナ": place.name_kana,
            "住所": place.address,
            "方書": place.room,
            "緯度": place.latitude,
            "経度": place.longitude,
            "電話番号": place.phone,
            "団体名": organiser,
            "利用可能曜日": weekdays_text(place.open_days_letters),
            "開始時間": place.opens_at,
            "終了時間": place.closes_at,
            "利用可能日時特記事項": place.hours_note,
            "説明": " ".join(
                part for part in ("自由にICT機器を使える場", place.description) if part
            ),
            "バリアフリー情報": place.barrier_free,
        }
        for place in AccessPlace.objects.filter(active=True).order_by("name")
    ]


def facilities_modified() -> dt.datetime | None:
    return AccessPlace.objects.aggregate(latest=Max("updated_at"))["latest"]
