"""Open data (measure 15): yearly coverage by district, public, CC BY 4.0.

Aggregates only. A district with fewer than 5 households needing support in a year
shows ``<5`` and no covered count or coverage, so no household can be singled out.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from learning.exports import safe_cell
from support.selectors.coverage import open_data_rows, percent

HEADER = (
    "fiscal_year",
    "district",
    "households_needing_support",
    "households_covered",
    "coverage_percent",
    "target_percent",
)
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
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
    """The open-data rows with small districts suppressed; values as they are written."""
    rows = []
    for fy, district, needing, covered, target in open_data_rows():
        suppressed = district != "all" and needing < SUPPRESS_BELOW
        rows.append(
            {
                "fiscal_year": fy,
                "district": district,
                "households_needing_support": SUPPRESSED if suppressed else needing,
                "households_covered": None if suppressed else covered,
                "coverage_percent": None if suppressed else percent(covered, needing),
                "target_percent": target,
            }
        )
    return rows


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
            "suppression": f"district rows with fewer than {SUPPRESS_BELOW} households needing support show '{SUPPRESSED}'",
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
        {"rows": rows, "header": HEADER, "license_url": LICENSE_URL, "title": _("Open data")},
    )
