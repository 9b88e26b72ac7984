"""The yearly report PDF of a closed year, rendered once and kept.

A closed year's figures are a snapshot that cannot change while the closing stands, so
its PDF is rendered by a task when the year is closed (or by the first request, whichever
comes first) and served from the database afterwards. Reopening the year leaves the old
file with its closing; closing again renders a new one.
"""

from django.db import IntegrityError, transaction
from django.tasks import task

from learning.models import FiscalYearClosing, YearlyReportPDF
from learning.pdf import render_report_pdf
from learning.progress import report_for


def _standing_closing(fy: int) -> FiscalYearClosing | None:
    return FiscalYearClosing.objects.filter(fiscal_year=fy, reopened_at__isnull=True).first()


def _render_and_keep(closing: FiscalYearClosing) -> bytes:
    pdf = render_report_pdf(report_for(closing.fiscal_year))
    try:
        with transaction.atomic():
            YearlyReportPDF.objects.create(closing=closing, pdf=pdf)
    except IntegrityError:
        pass  # another request or the closing task kept it a moment ago: same figures
    return pdf


def closed_report_pdf(fy: int) -> bytes | None:
    """The kept PDF of a closed year (rendering it now if nobody has yet); None when the
    year is open, whose figures change and are rendered on each request."""
    closing = _standing_closing(fy)
    if closing is None:
        return None
    stored = YearlyReportPDF.objects.filter(closing=closing).values_list("pdf", flat=True).first()
    if stored is not None:
        return bytes(stored)
    return _render_and_keep(closing)


@task()
def render_closed_report_pdf(closing_id: int) -> str:
    """Render and keep the PDF of a closing that still stands."""
    closing = FiscalYearClosing.objects.filter(pk=closing_id, reopened_at__isnull=True).first()
    if closing is None:
        return "reopened"
    if YearlyReportPDF.objects.filter(closing=closing).exists():
        return "kept already"
    _render_and_keep(closing)
    return "rendered"
