"""Open data (measure 15): yearly coverage by district, public, CC BY 4.0.

Aggregates only, suppressed by the one rule of ``learning.suppression`` (the same hidden
districts as on the coverage page and in the yearly report, so no file can be subtracted
from another): a hidden district shows the marker in every figure.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from learning import fiscal
from learning.exports import safe_cell
from learning.suppression import MARKER, MARKER_MEANING, THRESHOLD
from support.selectors.coverage import FIRST_REPORTED_YEAR, coverage_report, published

HEADER = (
    "fiscal_year",
    "district",
    "households_needing_support",
    "households_covered",
    "coverage_percent",
    "target_percent",
)
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    return str(value)


def _json_value(value):
    return float(f"{value:.1f}") if isinstance(value, Decimal) else value


def published_rows() -> list[dict]:
    """The open-data rows, every reported year, the whole city first; values as written."""
    rows = []
    for fy in range(FIRST_REPORTED_YEAR, fiscal.current_fiscal_year() + 1):
        report = published(coverage_report(fy=fy))
        rows.append(_row(fy, "all", report.total))
        rows += [_row(fy, row.label, row) for row in report.districts]
    return rows


def _row(fy: int, district: str, row) -> dict:
    return {
        "fiscal_year": fy,
        "district": district,
        "households_needing_support": MARKER if row.hidden else row.needing,
        "households_covered": MARKER if row.hidden else row.covered,
        "coverage_percent": MARKER if row.hidden else row.coverage,
        "target_percent": row.target,
    }


@cache_control(public=True, max_age=3600)
def support_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="support.csv"'
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in published_rows():
        writer.writerow([safe_cell(_csv_cell(row[key])) for key in HEADER])
    return response


@cache_control(public=True, max_age=3600)
def support_json(request):
    return JsonResponse(
        {
            "title": "経済的情報弱者支援の支援率 (households needing digital support, coverage by fiscal year)",
            "license": LICENSE,
            "license_url": LICENSE_URL,
            "definition": str(DEFINITION_EN),
            "suppression": f"'{MARKER}' marks a hidden figure: districts with fewer than {THRESHOLD} households needing support, and any other district whose figures could be worked out from the totals",
            "columns": list(HEADER),
            "rows": [
                {key: _json_value(value) for key, value in row.items()} for row in published_rows()
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


DEFINITION_EN = (
    "households_needing_support: identified as needing support on or before the fiscal "
    "year's last day (31 March) and not closed before its first day (1 April). "
    "households_covered: of those, the households that received at least one support on "
    "or before the year's last day (cumulative). coverage_percent = covered / needing x 100."
)


def index(request):
    rows = published_rows()
    return render(
        request,
        "support/opendata/index.html",
        {
            "rows": rows,
            "header": HEADER,
            "license_url": LICENSE_URL,
            "title": _("Open data"),
            "marker_meaning": MARKER_MEANING,
        },
    )
