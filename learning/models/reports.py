from django.db import models
from django.utils.translation import gettext_lazy as _


class YearlyReportPDF(models.Model):
    """The yearly report of a closed year, rendered once: its figures cannot change while
    the closing stands, and a new closing (after reopening) gets its own file."""

    closing = models.OneToOneField(
        "learning.FiscalYearClosing",
        on_delete=models.CASCADE,
        related_name="report_pdf",
        verbose_name=_("closing"),
    )
    pdf = models.BinaryField(_("PDF"))
    rendered_at = models.DateTimeField(_("rendered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("yearly report PDF")
        verbose_name_plural = _("yearly report PDFs")

    def __str__(self):
        return f"{self.closing} PDF"
