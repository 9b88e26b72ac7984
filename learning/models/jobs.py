import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """An uploaded file being checked (a dry run, the preview) or saved by a background
    task. It holds the file's bytes only until the import is saved or the job expires
    (``settings.LEARNING_IMPORT_JOB_HOURS``), never in the session."""

    class Step(models.TextChoices):
        PREVIEW = "preview", _("Checking")
        SAVE = "save", _("Saving")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=30)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=100, blank=True)
    data = models.BinaryField(_("file"), blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    step = models.CharField(_("step"), max_length=10, choices=Step.choices, default=Step.PREVIEW)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # The preview or the saved result ({"summary": ..., ...}), or {"errors": [...]}.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        indexes = [models.Index(fields=["created_at"], name="importjob_created_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="importjob_status_valid"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
