from django.db import models
from django.utils.translation import gettext_lazy as _


class FiscalYearClosing(models.Model):
    """A fiscal year closed by an administrator once its data are final.

    While a row with no ``reopened_at`` exists the year is closed: its report reads
    ``snapshot`` and records dated in it cannot be added or changed. Reopening keeps the
    row (with who, when and why), so the history of closings is the log.
    """

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        "learning.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("closed by")
    )
    snapshot = models.JSONField(_("figures at closing"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        "learning.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["-fiscal_year", "-closed_at"]
        verbose_name = _("fiscal year closing")
        verbose_name_plural = _("fiscal year closings")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=models.Q(reopened_at__isnull=True),
                name="one_open_closing_per_fiscal_year",
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year}"
