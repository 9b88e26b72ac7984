"""Measure 14 for the yearly progress report (learning.progress), from the coverage selector."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from learning.progress import Line, Table
from learning.suppression import MARKER
from support.selectors.coverage import coverage_report, hidden_districts

DEFINITION = gettext_lazy(
    "Measure 14: households needing support in a fiscal year are those identified on or before "
    "its last day and not closed before its first day; covered are those of them with at least "
    "one support on or before the year's last day (cumulative). Coverage = covered ÷ needing."
)
MEASURES = ("14",)


def targets_link(user) -> str:
    """The admin's coverage targets, for administrators."""
    from learning.targets import admin_changelist
    from support.models import CoverageTarget

    return admin_changelist(user, CoverageTarget)


def _float(value):
    return None if value is None else float(value)


def lines(fy: int) -> list[Line]:
    report = coverage_report(fy=fy)
    total = report.total
    households = pgettext("unit", "households")
    return [
        Line(
            "14",
            "m14.coverage",
            _("Households needing support that have been covered"),
            "%",
            _float(total.target),
            _float(total.coverage),
            _("%(covered)d of %(needing)d households")
            % {"covered": total.covered, "needing": total.needing},
            target_missing=report.targets_missing,
        ),
        Line(
            "14",
            "m14.households_needing",
            _("Households needing support"),
            households,
            None,
            float(total.needing),
        ),
        Line(
            "14",
            "m14.supported_in_year",
            _("Households supported within the year"),
            households,
            None,
            float(total.supported_in_year),
        ),
    ]


def _district_row(row, hidden: bool) -> list:
    """A district the suppression rule hides (``learning.suppression``) shows the marker in
    every figure, so that the yearly report's tables, CSVs and PDF can be published."""
    if hidden:
        return [row.label, MARKER, MARKER, MARKER, MARKER]
    return [row.label, row.needing, row.covered, row.supported_in_year, _float(row.coverage)]


def tables(fy: int) -> list[Table]:
    report = coverage_report(fy=fy)
    hidden = hidden_districts(report.districts)
    by_district = Table(
        "m14_by_district",
        _("Measure 14 by district"),
        [
            _("District"),
            _("Households needing support"),
            _("Households covered"),
            _("Households supported within the year"),
            _("Coverage (%)"),
        ],
        [
            _district_row(row, index in hidden)
            for index, row in enumerate(report.districts)
            if row.needing
        ],
        [
            "district",
            "households_needing_support",
            "households_covered",
            "households_supported_in_year",
            "coverage_percent",
        ],
    )
    by_kind = Table(
        "m14_by_kind",
        _("Measure 14 by kind of support"),
        [
            _("Kind of support"),
            _("Support records in the year"),
            _("Households supported in the year"),
            _("Households ever supported this way"),
        ],
        [
            [row.label, row.records_in_year, row.households_in_year, row.households_covered]
            for row in report.kinds
        ],
        ["kind", "records_in_year", "households_in_year", "households_covered"],
    )
    return [by_district, by_kind]
