"""The append-only audit log of every view and change of household records."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LIST = "list", _("Listed households")
    VIEW = "view", _("Viewed a household")
    CREATE = "create", _("Created a household")
    UPDATE = "update", _("Changed a household")
    CLOSE = "close", _("Closed a household")
    REOPEN = "reopen", _("Reopened a household")
    ADD_SUPPORT = "add_support", _("Recorded support")
    LEND = "lend", _("Lent a device")
    RETURN = "return", _("Recorded a return")
    EXPORT = "export", _("Exported households")
    IMPORT = "import", _("Imported from a file")


class AuditQuerySet(models.QuerySet):
    """Bulk updates and deletes are refused too, not only single saves."""

    def update(self, **kwargs):
        raise PermissionDenied("The audit log cannot be changed.")

    def delete(self):
        raise PermissionDenied("The audit log cannot be deleted.")


class AuditEntry(models.Model):
    """Who did what to which household records, when and from where. Never changed."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # deactivate accounts instead; the log keeps its author
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    user_email = models.CharField(_("account"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("from (IP address)"), null=True, blank=True)
    action = models.CharField(_("what"), max_length=20, choices=AuditAction.choices)
    household = models.ForeignKey(
        "support.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    households_shown = models.TextField(
        _("households shown"), blank=True, help_text=_("Reference numbers on a list page.")
    )
    path = models.CharField(_("page"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_email} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit log cannot be deleted.")
