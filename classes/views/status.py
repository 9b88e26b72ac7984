"""The measure's status: per centre and fiscal year, held against target."""

import tablib
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from classes.charts import status_figure
from classes.models import ClassTarget
from classes.selectors import status_report
from learning import fiscal
from learning.charts import chart_response
from learning.exports import safe_row
from learning.permissions import Permission, permission_required
from learning.targets import admin_changelist

# Aggregated figures only: report readers and centre staff.
report_required = permission_required(Permission.READ_CLASS_STATUS)


@report_required
def status(request):
    fy = fiscal.selected_fiscal_year(request)
    report = status_report(fiscal_year=fy)
    return render(
        request,
        "classes/status.html",
        {
            "report": report,
            "fiscal_year": fy,
            "targets_link": admin_changelist(request.user, ClassTarget),
        },
    )


@report_required
def status_csv(request):
    fy = fiscal.selected_fiscal_year(request)
    report = status_report(fiscal_year=fy)
    data = tablib.Dataset(
        headers=[
            _("Fiscal year"),
            _("Community centre"),
            _("Kind"),
            _("Target"),
            _("Held (counted)"),
            _("Scheduled"),
            _("Cancelled"),
            _("Participants"),
            _("Instructor trainings held"),
        ]
    )
    for row in report.rows:
        data.append(
            safe_row(
                [
                    fiscal.japanese_label(fy),
                    row.centre.name,
                    row.centre.get_kind_display(),
                    "" if report.targets_missing else row.target,  # blank is not 0
                    row.held,
                    row.scheduled,
                    row.cancelled,
                    row.participants,
                    row.trainings,
                ]
            )
        )
    # UTF-8 with BOM so Excel opens the Japanese text correctly.
    response = HttpResponse("\ufeff" + data.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="smartphone-classes-{fy}.csv"'
    return response


@report_required
def status_chart(request, fmt: str = "png"):
    fy = fiscal.selected_fiscal_year(request)
    report = status_report(fiscal_year=fy)
    return chart_response(
        status_figure(report),
        fmt=fmt,
        filename=f"smartphone-classes-{fy}",
        download=request.GET.get("download") == "1",
    )
