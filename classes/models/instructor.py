"""Instructors (city staff or volunteers) and the instructor training (講師養成) they attend."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated


class Instructor(models.Model):
    """Someone who teaches classes. Staff instructors point at their staff record."""

    name = models.CharField(_("name"), max_length=100)
    staff = models.ForeignKey(
        "learning.Staff",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instructor_profiles",
        verbose_name=_("staff record"),
        help_text=_("Leave empty for a volunteer."),
    )
    qualified_on = models.DateField(
        _("qualified on"),
        null=True,
        blank=True,
        help_text=_("The day the instructor training was completed. Empty: not yet qualified."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        constraints = [
            models.UniqueConstraint(
                fields=["staff"], condition=Q(staff__isnull=False), name="one_instructor_per_staff"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_volunteer(self) -> bool:
        return self.staff_id is None

    def is_qualified_on(self, day: dt.date) -> bool:
        return self.qualified_on is not None and self.qualified_on <= day


class InstructorTraining(FiscallyDated, models.Model):
    """A session of instructor training (講師養成) and who attended it."""

    fiscal_date_field = "held_on"  # closing a fiscal year freezes these rows

    title = models.CharField(_("training title"), max_length=100)
    held_on = models.DateField(_("held on"))
    centre = models.ForeignKey(
        "classes.Centre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instructor_trainings",
        verbose_name=_("community centre"),
    )
    attendees = models.ManyToManyField(
        Instructor, blank=True, related_name="trainings", verbose_name=_("attendees")
    )

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("instructor training")
        verbose_name_plural = _("instructor trainings")

    def __str__(self):
        return f"{self.title} ({self.held_on:%Y-%m-%d})"
