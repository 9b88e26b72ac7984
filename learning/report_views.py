"""The yearly progress report page, its PDF, charts and CSVs, and closing a fiscal year."""

import csv
import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning import charts, fiscal, report_files
from learning.closing import close_fiscal_year, reopen_fiscal_year
from learning.errors import Refused
from learning.exports import safe_row
from learning.models import FiscalYearClosing
from learning.pdf import render_report_pdf
from learning.permissions import Permission, may, permission_required
from learning.progress import (
    GRADE_RULE,
    MEASURE_TITLES,
    definitions,
    forecast,
    missing_targets,
    report_for,
)
from learning.report_charts import rates_figure, trend_figure
from learning.text import normalise_line_breaks, text_problem

read_reports_required = permission_required(Permission.READ_REPORTS)


@read_reports_required
def yearly_report(request):
    fy = fiscal.selected_fiscal_year(request)
    report = report_for(fy)
    return render(
        request,
        "report/yearly.html",
        {
            "fy": fy,
            "report": report,
            "measures": [
                (MEASURE_TITLES.get(measure, measure), lines)
                for measure, lines in report.by_measure()
            ],
            "grade_rule": GRADE_RULE,
            "definitions": definitions(),
            "missing_targets": missing_targets(report, user=request.user),
            # The forecast names people: HR and administrators only, not every report reader.
            "forecast": forecast(fy)
            if fy == fiscal.current_fiscal_year() and may(request.user, Permission.SEE_FORECAST)
            else [],
            "closings": FiscalYearClosing.objects.filter(fiscal_year=fy).select_related(
                "closed_by", "reopened_by"
            ),
            "can_close": may(request.user, Permission.CLOSE_YEARS),
            "is_running": fy >= fiscal.current_fiscal_year(),
        },
    )


@read_reports_required
def report_pdf(request):
    fy = fiscal.selected_fiscal_year(request)
    # A closed year's PDF is rendered once and kept; an open year's on each request.
    pdf = report_files.closed_report_pdf(fy) or render_report_pdf(report_for(fy))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-report-{fy}.pdf"'
    return response


@read_reports_required
def report_chart(request, name, fmt):
    figures = {"trend": trend_figure, "rates": rates_figure}
    if name not in figures:
        raise Http404
    fy = fiscal.selected_fiscal_year(request)
    figure = figures[name](report=report_for(fy))
    return charts.chart_response(
        figure, fmt=fmt, filename=f"{name}-{fy}", download="download" in request.GET
    )


def table_csv(report, key: str) -> bytes:
    """One table of the report as CSV (UTF-8 with BOM for Excel); aggregates only, and
    no text a spreadsheet would run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if key == "lines":
        writer.writerow(
            [
                "fiscal_year",
                "measure",
                "key",
                "item",
                "unit",
                "target",
                "actual",
                "rate_percent",
                "grade",
                "target_status",
            ]
        )
        for line in report.lines:
            writer.writerow(
                safe_row(
                    [
                        report.fy,
                        line.measure,
                        line.key,
                        line.label,
                        line.unit,
                        "" if line.target is None else line.target,
                        "" if line.actual is None else line.actual,
                        "" if line.rate is None else f"{line.rate:.1f}",
                        line.grade,
                        line.target_status,
                    ]
                )
            )
    else:
        table = next((t for t in report.tables if t.key == key), None)
        if table is None:
            raise Http404
        writer.writerow(["fiscal_year", *(table.csv_columns or table.columns)])
        for row in table.rows:
            writer.writerow(safe_row([report.fy, *row]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@read_reports_required
def report_csv(request, key):
    fy = fiscal.selected_fiscal_year(request)
    response = HttpResponse(table_csv(report_for(fy), key), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{fy}.csv"'
    return response


@permission_required(Permission.CLOSE_YEARS)
@require_POST
def close_year(request):
    fy = fiscal.parse_fiscal_year(request.POST.get("fy", ""))
    if fy is None:
        messages.error(request, _("Choose the fiscal year to close or reopen."))
        return redirect("yearly_report")
    reason = normalise_line_breaks(request.POST.get("reason", ""))
    problem = text_problem(reason, field=_("Reason for reopening"), multiline=True)
    if problem:
        messages.error(request, problem)
        return redirect(f"{reverse('yearly_report')}?fy={fy}")
    try:
        if request.POST.get("action") == "reopen":
            reopen_fiscal_year(fy=fy, by=request.user, reason=reason)
            messages.success(request, _("%(year)s was reopened.") % {"year": fiscal.label(fy)})
        else:
            closing = close_fiscal_year(fy=fy, by=request.user)
            transaction.on_commit(
                lambda: report_files.render_closed_report_pdf.enqueue(closing.pk), robust=True
            )
            messages.success(
                request,
                _("%(year)s was closed. Its report now reads the stored figures.")
                % {"year": fiscal.label(fy)},
            )
    except Refused as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('yearly_report')}?fy={fy}")
