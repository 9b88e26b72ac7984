"""The yearly progress report as an A4 PDF for the coordination meeting's papers.

ReportLab with the IPAexGothic TrueType font (shipped by matplotlib-fontja) embedded,
so the PDF shows Japanese on any machine. Charts are the same PNGs as the web page.
"""

import io

import matplotlib_fontja
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from learning import charts, fiscal
from learning.progress import MEASURE_TITLES, Report, definitions
from learning.report_charts import rates_figure, trend_figure

FONT = "IPAexGothic"


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, matplotlib_fontja.get_font_ttf_path()))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "base", fontName=FONT, fontSize=9.5, leading=14, alignment=TA_LEFT, wordWrap="CJK"
    )
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22, spaceAfter=6),
        "h2": ParagraphStyle(
            "h2", parent=base, fontSize=12, leading=17, spaceBefore=10, spaceAfter=4
        ),
        "small": ParagraphStyle(
            "small", parent=base, fontSize=8, leading=11, textColor=colors.HexColor("#333333")
        ),
    }


def _number(value, unit: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()


def _image(figure, width_mm: float) -> Image:
    png = charts.render(figure, fmt="png")
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width_mm * mm, width_mm * mm * ratio
    return image


def render_report_pdf(report: Report) -> bytes:
    _register_font()
    styles = _styles()
    buffer = io.BytesIO()
    data_date = report.closed_at or report.generated_at
    footer_lines = [
        _("Data as of %(date)s.") % {"date": data_date[:16].replace("T", " ")}
        + (
            " " + _("Closed year: figures are the snapshot taken at closing.")
            if report.closed_at
            else ""
        ),
    ]

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(15 * mm, 10 * mm, footer_lines[0])
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=_("Yearly progress report %(year)s") % {"year": report.label},
        author=_("City DX promotion office"),
    )
    story = [
        Paragraph(
            _("DX plan progress report — %(year)s") % {"year": report.label}, styles["title"]
        ),
        Paragraph(_("Measures 9, 12, 13 and 14 against the year's targets."), styles["base"]),
    ]
    missing = sorted({line.measure for line in report.lines if line.target_missing}, key=int)
    if missing:
        story.append(
            Paragraph(
                _("No target is set for this year: %(measures)s.")
                % {"measures": ", ".join(str(MEASURE_TITLES.get(m, m)) for m in missing)},
                styles["base"],
            )
        )
    header = [
        _("Measure"),
        _("Item"),
        _("Target value"),
        _("Actual value"),
        _("Achievement rate"),
        _("Grade"),
    ]
    rows = [header]
    for measure, lines in report.by_measure():
        for line in lines:
            rows.append(
                [
                    Paragraph(str(MEASURE_TITLES.get(measure, measure)), styles["small"]),
                    Paragraph(
                        line.label + (f"<br/><font size=7>{line.note}</font>" if line.note else ""),
                        styles["small"],
                    ),
                    _("Not set") if line.target_missing else _number(line.target, line.unit),
                    _number(line.actual, line.unit),
                    "—" if line.rate is None else f"{line.rate:.1f}%",
                    line.grade,
                ]
            )
    table = Table(
        rows, colWidths=[38 * mm, 58 * mm, 22 * mm, 22 * mm, 22 * mm, 14 * mm], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("ALIGN", (-1, 1), (-1, -1), "CENTER"),
            ]
        )
    )
    story += [
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 2 * mm),
        Paragraph(definitions()[0], styles["small"]),
    ]
    story += [
        Paragraph(_("Charts"), styles["h2"]),
        _image(rates_figure(report=report), 175),
        Spacer(1, 3 * mm),
        _image(trend_figure(report=report), 175),
    ]
    for extra in report.tables:
        story.append(Paragraph(extra.title, styles["h2"]))
        body = [extra.columns] + [
            ["—" if cell is None else str(cell) for cell in row] for row in extra.rows
        ]
        detail = Table(body, repeatRows=1)
        detail.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), FONT, 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#aaaaaa")),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ]
            )
        )
        story.append(detail)
    story.append(Paragraph(_("Definitions"), styles["h2"]))
    story += [Paragraph(str(text), styles["small"]) for text in definitions()]
    story.append(
        Paragraph(
            _("Printed %(now)s. Fiscal year %(year)s runs from %(first)s to %(last)s.")
            % {
                "now": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
                "year": report.label,
                "first": fiscal.first_day(report.fy).isoformat(),
                "last": fiscal.last_day(report.fy).isoformat(),
            },
            styles["small"],
        )
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
