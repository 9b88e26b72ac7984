"""The yearly coverage report (aggregates only): page, charts, CSV and print layout."""

import csv
from dataclasses import replace

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from learning import fiscal
from learning.charts import FORMATS, chart_response
from learning.exports import safe_row
from learning.permissions import Permission, may
from learning.suppression import MARKER, MARKER_MEANING
from learning.targets import admin_changelist
from support.charts import CHARTS, draw
from support.models import CoverageTarget
from support.selectors.coverage import coverage_report, published
from support.views.base import ReportViewerMixin


def format_percent(value) -> str:
    return "" if value is None else f"{value:.1f}"


def report_for(request, fy: int):
    """Support staff see every district; other readers the published (suppressed) figures."""
    report = coverage_report(fy=fy)
    return report if may(request.user, Permission.SUPPORT_HOUSEHOLDS) else published(report)


def _figures(row) -> list:
    if row.hidden:
        return [MARKER, MARKER, MARKER, MARKER]
    return [row.needing, row.covered, row.supported_in_year, format_percent(row.coverage)]


def report_csv(report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="support-coverage-{report.fiscal_year}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM as UTF-8
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(
        [
            _("Fiscal year"),
            _("Group"),
            _("Households needing support"),
            _("Households covered"),
            _("Households supported within the year"),
            _("Coverage (%)"),
            _("Target (%)"),
        ]
    )
    label = fiscal.label(report.fiscal_year)
    for row in [report.total, *report.districts]:
        writer.writerow(
            safe_row(
                [
                    label,
                    row.label if row is not report.total else _("Whole city"),
                    *_figures(row),
                    format_percent(row.target),
                ]
            )
        )
    for kind in report.kinds:
        writer.writerow(
            safe_row(
                [
                    label,
                    _("Kind: %(kind)s") % {"kind": kind.label},
                    kind.needing,
                    kind.households_covered,
                    kind.households_in_year,
                    format_percent(kind.share),
                    "",
                ]
            )
        )
    return response


def _percent_text(value) -> str:
    return "—" if value is None else f"{value}%"


def chart_descriptions(report) -> list[dict]:
    """Caption and text alternative of each chart (the alt text carries the figures)."""
    history = ", ".join(
        f"{fiscal.japanese_label(year)} {_percent_text(row.coverage)}"
        for year, row in report.history
    )
    districts = ", ".join(
        f"{row.label} {MARKER if row.hidden else _percent_text(row.coverage)}"
        for row in report.districts
    )
    kinds = ", ".join(f"{row.label} {row.households_in_year}" for row in report.kinds)
    return [
        {
            "name": "history",
            "caption": _("Coverage against the target over the fiscal years"),
            "alt": _("Coverage by fiscal year: %(figures)s") % {"figures": history},
            "height": 450,
        },
        {
            "name": "districts",
            "caption": _("Coverage by district"),
            "alt": _("Coverage by district: %(figures)s") % {"figures": districts},
            "height": int(100 * max(3.5, 0.45 * len(report.districts) + 1.5)),
        },
        {
            "name": "kinds",
            "caption": _("Households supported in the year, by kind of support"),
            "alt": _("Households supported by kind: %(figures)s") % {"figures": kinds},
            "height": int(100 * max(3.5, 0.5 * len(report.kinds) + 1.5)),
        },
    ]


class CoverageView(ReportViewerMixin, TemplateView):
    template_name = "support/coverage.html"

    def get(self, request, *args, **kwargs):
        self.fy = fiscal.selected_fiscal_year(request)
        if request.GET.get("_export") is not None:
            return report_csv(report_for(request, self.fy))
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.GET.get("layout") == "print":
            return ["support/coverage_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        report = report_for(self.request, self.fy)
        total = replace(report.total, label=_("Whole city"))
        return super().get_context_data(
            fy=self.fy,
            report=report,
            rows=[total, *report.districts],
            chart_list=chart_descriptions(report),
            today=timezone.localdate(),
            marker=MARKER,
            marker_meaning=MARKER_MEANING if any(row.hidden for row in report.districts) else "",
            targets_link=admin_changelist(self.request.user, CoverageTarget),
            **kwargs,
        )


class CoverageChartView(ReportViewerMixin, View):
    """/support/coverage/chart/<name>.<png|svg>?fy=YYYY[&download=1]"""

    def get(self, request, name, fmt):
        if name not in CHARTS or fmt not in FORMATS:
            raise Http404
        fy = fiscal.selected_fiscal_year(request)
        figure = draw(name, report_for(request, fy))
        return chart_response(
            figure,
            fmt=fmt,
            filename=f"support-{name}-{fy}",
            download=request.GET.get("download") == "1",
        )
