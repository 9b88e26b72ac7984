"""The coverage report's charts, drawn with learning.charts (matplotlib Figure, IPAexGothic)."""

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from learning import fiscal
from learning.charts import PALETTE, TARGET_COLOUR, label_bars, new_figure, percent_axis
from learning.suppression import MARKER
from support.selectors.coverage import CoverageReport

CHARTS = ("history", "districts", "kinds")


def _percent_or_zero(value) -> float:
    return float(value) if value is not None else 0.0


def coverage_history_chart(report: CoverageReport) -> Figure:
    """Coverage against the target in every year up to the report's."""
    figure, axes = new_figure()
    labels = [fiscal.japanese_label(year) for year, _row in report.history]
    values = [_percent_or_zero(row.coverage) for _year, row in report.history]
    bars = axes.bar(labels, values, color=PALETTE[0], label=_("Coverage"))
    label_bars(axes, bars, fmt="{:.1f}%")
    target_points = [
        (label, float(row.target))
        for label, (_year, row) in zip(labels, report.history, strict=True)
        if row.target is not None
    ]
    if target_points:
        axes.plot(
            [label for label, _t in target_points],
            [target for _l, target in target_points],
            color=TARGET_COLOUR,
            marker="D",
            linestyle="--",
            label=_("Target"),
        )
    percent_axis(axes, top=105)
    axes.set_title(_("Coverage of households needing support against the target"))
    axes.set_ylabel(_("Households covered (%)"))
    axes.legend(loc="upper left", frameon=False)
    return figure


def coverage_by_district_chart(report: CoverageReport) -> Figure:
    figure, axes = new_figure(height=max(3.5, 0.45 * len(report.districts) + 1.5))
    rows = list(reversed(report.districts))
    labels = [row.label for row in rows]
    # A hidden (suppressed) district has no bar, only the marker.
    values = [0.0 if row.hidden else _percent_or_zero(row.coverage) for row in rows]
    bars = axes.barh(labels, values, color=PALETTE[2])
    axes.bar_label(
        bars,
        labels=[
            MARKER if row.hidden else f"{value:.1f}%"
            for row, value in zip(rows, values, strict=True)
        ],
        padding=2,
        fontsize=9,
    )
    axes.set_xlim(0, 105)
    axes.xaxis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    if report.total.target is not None:
        axes.axvline(
            float(report.total.target), color=TARGET_COLOUR, linestyle="--", label=_("Target")
        )
        axes.legend(loc="lower right", frameon=False)
    axes.set_title(
        _("Coverage by district, %(year)s") % {"year": fiscal.japanese_label(report.fiscal_year)}
    )
    axes.set_xlabel(_("Households covered (%)"))
    return figure


def support_by_kind_chart(report: CoverageReport) -> Figure:
    figure, axes = new_figure(height=max(3.5, 0.5 * len(report.kinds) + 1.5))
    rows = list(reversed(report.kinds))
    labels = [row.label for row in rows]
    values = [row.households_in_year for row in rows]
    bars = axes.barh(labels, values, color=PALETTE[1])
    axes.bar_label(bars, labels=[str(value) for value in values], padding=2, fontsize=9)
    axes.grid(axis="y", visible=False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.set_xlim(0, max([*values, 1]) * 1.15)
    axes.set_title(
        _("Households supported in %(year)s, by kind of support")
        % {"year": fiscal.japanese_label(report.fiscal_year)}
    )
    axes.set_xlabel(_("Number of households"))
    return figure


def draw(name: str, report: CoverageReport) -> Figure:
    return {
        "history": coverage_history_chart,
        "districts": coverage_by_district_chart,
        "kinds": support_by_kind_chart,
    }[name](report)
