"""Charts of the training targets (matplotlib Figure API through ``learning.charts``)."""

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from learning import charts, fiscal
from learning.models import Role

# Each role has its own hatch as well as its colour, and every bar carries its value.
HATCHES = {Role.MANAGER: "", Role.LEADER: "//", Role.GENERAL: "..", Role.ICT: "xx"}


def share_met_by_role(*, years: list[int], shares: dict[str, list[float | None]]) -> Figure:
    """Grouped bars, one group per fiscal year and one bar per role: the percentage of
    (non-exempt) staff meeting the target. A year with nobody in a role has no bar."""
    figure, axes = charts.new_figure(width=9.0, height=4.8)
    width = 0.8 / len(Role.values)
    for index, (colour, (role, label)) in enumerate(
        zip(charts.PALETTE, Role.choices, strict=False)
    ):
        points = [
            (position + (index - 1.5) * width, value)
            for position, value in enumerate(shares.get(role, []))
            if value is not None
        ]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        bars = axes.bar(
            xs,
            ys,
            width=width,
            color=colour,
            hatch=HATCHES[role],
            edgecolor="#333333",
            linewidth=0.6,
            label=str(label),
        )
        axes.bar_label(
            bars,
            labels=[f"{y:.0f}" for y in ys],
            padding=1,
            fontsize=7,
            fontfamily=charts.FONT_FAMILY,
        )
    axes.set_xticks(
        range(len(years)),
        [fiscal.japanese_label(year) for year in years],
        fontfamily=charts.FONT_FAMILY,
    )
    charts.percent_axis(axes, top=110)
    axes.set_title(_("Share of staff meeting the training target, by role"))
    axes.set_ylabel(_("Staff meeting the target"))
    if axes.get_legend_handles_labels()[0]:
        axes.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.1),
            ncols=len(Role.values),
            frameon=False,
            prop={"family": charts.FONT_FAMILY, "size": 9},
        )
    return figure
