from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Could not be sent")


class OutgoingMail(models.Model):
    """One e-mail to one person, written when the change it tells of is committed and
    delivered by a background task (``learning.mail``). The row is the truth about the
    mail: what was said, to whom, and whether and why it could not be sent."""

    kind = models.CharField(_("purpose"), max_length=60)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # [{"filename": ..., "content": text, "mimetype": ...}], e.g. the .ics invitation
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # What the mail is about (a registration, a sign-up), so a purge can erase it with it.
    about_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="mail_status_due_idx"),
            models.Index(fields=["about_type", "about_id"], name="mail_about_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MailStatus.values), name="mail_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=MailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="mail_sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
