"""Charts of the yearly progress report."""

from learning import charts, fiscal
from learning.progress import Report, trend

TREND_KEYS = ("m9.share_met", "m12.share_completed", "m13.centres_met", "m14.coverage")


def trend_figure(*, report: Report):
    """Achievement rate of each measure's headline figure over the plan's years."""
    from django.utils.translation import gettext as _

    figure, axes = charts.new_figure(width=8, height=4)
    keys = [key for key in TREND_KEYS if report.line(key) is not None]
    series = trend(last=report.fy, keys=keys)
    for index, key in enumerate(keys):
        points = [(fy, rate) for fy, rate in series[key] if rate is not None]
        if not points:
            continue
        years = [fiscal.japanese_label(fy).replace("年度", "") for fy, _rate in points]
        rates = [min(rate, 150) for _fy, rate in points]
        marker = "osD^v"[index % 5]
        axes.plot(
            years, rates, marker=marker, color=charts.PALETTE[index], label=report.line(key).label
        )
    axes.axhline(
        100, color=charts.TARGET_COLOUR, linestyle="--", linewidth=1.2, label=_("Target (100%)")
    )
    axes.axhline(60, color="#888888", linestyle=":", linewidth=1, label=_("Grade B (60%)"))
    charts.percent_axis(axes, top=155)
    axes.set_ylabel(_("Achievement rate"))
    axes.set_title(_("Achievement rate over the plan's years"))
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=2,
        frameon=False,
        prop={"family": charts.FONT_FAMILY, "size": 8},
    )
    return figure


def rates_figure(*, report: Report):
    """This year's achievement rate per line with a target, graded A/B/C on the bars."""
    from django.utils.translation import gettext as _

    graded = [line for line in report.lines if line.rate is not None]
    figure, axes = charts.new_figure(width=8, height=max(2.5, 0.55 * len(graded) + 1))
    labels = [f"{line.measure}: {line.label}" for line in graded]
    rates = [min(line.rate, 150) for line in graded]
    colours = [
        charts.PALETTE[2]
        if line.grade == "A"
        else charts.PALETTE[1]
        if line.grade == "B"
        else charts.PALETTE[3]
        for line in graded
    ]
    bars = axes.barh(labels, rates, color=colours)
    axes.bar_label(
        bars, labels=[f"{line.rate:.0f}% ({line.grade})" for line in graded], padding=3, fontsize=9
    )
    axes.axvline(100, color=charts.TARGET_COLOUR, linestyle="--", linewidth=1.2)
    axes.invert_yaxis()
    axes.set_xlim(0, 175)
    axes.xaxis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")
    axes.grid(axis="x", color="#dddddd")
    axes.set_title(_("Achievement rate in %(year)s") % {"year": report.label})
    if not graded:  # a year nobody has set targets for: no rate to draw, and not 0%
        axes.text(
            0.5,
            0.5,
            _("No target is set for this year, so there is no achievement rate."),
            transform=axes.transAxes,
            ha="center",
            va="center",
            fontfamily=charts.FONT_FAMILY,
        )
        axes.set_yticks([])
    for tick in axes.get_yticklabels():
        tick.set_fontfamily(charts.FONT_FAMILY)
        tick.set_fontsize(8)
    return figure
