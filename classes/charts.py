"""The status chart: classes held per centre against the target."""

from django.utils.translation import gettext as _

from classes.selectors import StatusReport
from learning import fiscal
from learning.charts import PALETTE, TARGET_COLOUR, label_bars, new_figure


def status_figure(report: StatusReport):
    rows = report.rows
    figure, axes = new_figure(width=9.0, height=4.8)
    names = [row.centre.name for row in rows]
    positions = range(len(rows))
    bars = axes.bar(positions, [row.held for row in rows], color=PALETTE[0], label=_("Held"))
    label_bars(axes, bars)
    targets = [(i, row.target) for i, row in enumerate(rows) if row.target]
    if targets:
        # Target drawn as a dashed line plus a marker: readable without colour.
        axes.scatter(
            [i for i, _t in targets],
            [t for _i, t in targets],
            marker="_",
            s=900,
            linewidths=3,
            color=TARGET_COLOUR,
            label=_("Target"),
            zorder=3,
        )
    axes.set_xticks(list(positions), names, rotation=45, ha="right")
    axes.set_ylabel(_("Classes"))
    top = max([row.held for row in rows] + [row.target for row in rows] + [1])
    axes.set_ylim(0, top + 1)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(
        _("Smartphone classes held, %(year)s") % {"year": fiscal.label(report.fiscal_year)}
    )
    legend = axes.legend(loc="upper right", frameon=False)
    for text in legend.get_texts():
        text.set_fontfamily("IPAexGothic")
    for label in axes.get_xticklabels():
        label.set_fontfamily("IPAexGothic")
    return figure
