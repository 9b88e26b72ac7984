"""Charts for every report: matplotlib's object API (no pyplot, so no global state
shared between requests), Japanese labels in the bundled IPAexGothic font.

Usage::

    figure, axes = new_figure()
    axes.bar(labels, values)
    return chart_response(figure, fmt="png", filename="coverage-2026")
"""

import functools
import io
import re
import warnings

import matplotlib
import matplotlib_fontja  # noqa: F401  (registers IPAexGothic and makes it the default family)
from django.http import Http404, HttpResponse
from matplotlib import font_manager, ft2font
from matplotlib.figure import Figure

# Labels are names typed by staff (centres, districts): a "$" in one must not start
# mathtext, whose parser raises on "$\frac{$". No chart of ours uses mathtext.
matplotlib.rcParams["text.parse_math"] = False

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
FONT_FAMILY = "IPAexGothic"
# Colour-blind-safe palette (Okabe–Ito); charts also label values, so colour is never the only cue.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
TARGET_COLOUR = "#A4161A"


def new_figure(*, width: float = 8.0, height: float = 4.5) -> tuple[Figure, object]:
    """A figure with one set of axes, styled for reports."""
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for text in (axes.title, axes.xaxis.label, axes.yaxis.label):
        text.set_fontfamily(FONT_FAMILY)
    return figure, axes


def render(figure: Figure, *, fmt: str = "png") -> bytes:
    """The figure as PNG or SVG bytes. Raises ValueError for any other format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(buffer, format=fmt, metadata=metadata)
    for warning in caught:
        _check_missing_glyph(str(warning.message))
    return buffer.getvalue()


MISSING_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


@functools.cache
def _japanese_font_characters() -> frozenset[int]:
    path = font_manager.findfont(FONT_FAMILY, fallback_to_default=False)
    return frozenset(ft2font.FT2Font(path).get_charmap())


def _check_missing_glyph(message: str) -> None:
    """A character no font of ours has (an emoji or a rare kanji in a centre's name) is
    drawn as an empty box: the chart still answers. A character IPAexGothic has but the
    label lacked means the label was set in another font: fail loudly (in tests)."""
    match = MISSING_GLYPH.search(message)
    if match and int(match.group(1)) in _japanese_font_characters():
        raise RuntimeError(f"a chart label is not in {FONT_FAMILY}: {message}")


def chart_response(
    figure: Figure, *, fmt: str, filename: str, download: bool = False
) -> HttpResponse:
    """An HTTP response with the chart; ?download=1 pages ask for a file name."""
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(render(figure, fmt=fmt), content_type=FORMATS[fmt])
    if download:
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def percent_axis(axes, *, top: float = 100.0) -> None:
    axes.set_ylim(0, top)
    axes.yaxis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")


def label_bars(axes, bars, *, fmt: str = "{:.0f}") -> None:
    """Write each bar's value on it, so figures can be read without colour."""
    axes.bar_label(
        bars, labels=[fmt.format(bar.get_height()) for bar in bars], padding=2, fontsize=9
    )
