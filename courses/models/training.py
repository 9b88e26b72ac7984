"""Training: competencies, courses, sessions, registrations, completions, targets."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning import fiscal
from learning.closing import FiscallyDated
from learning.models import Role, Staff


class Competency(models.Model):
    """An ICT-literacy item from the plan's table; ``role`` empty means common to all (☆)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("competency"), max_length=200)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")

    def __str__(self):
        return self.label


class CourseKind(models.TextChoices):
    SESSION = "session", _("City-held training")
    ONLINE = "online", _("Online training")
    EXTERNAL = "external", _("Dispatch / external training")


class Course(models.Model):
    code = models.CharField(_("course code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CourseKind.choices, default=CourseKind.SESSION
    )
    competencies = models.ManyToManyField(
        Competency, blank=True, related_name="courses", verbose_name=_("competencies built")
    )
    counts_toward_target = models.BooleanField(_("counts toward the yearly target"), default=True)
    is_security = models.BooleanField(_("security training"), default=False)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_courses",
        verbose_name=_("organisers"),
    )
    recommended_roles = models.JSONField(_("recommended for roles"), default=list, blank=True)
    active = models.BooleanField(_("in the catalogue"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CourseKind.values), name="course_kind_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("courses:course", args=[self.code])

    def recommended_role_labels(self) -> list[str]:
        return [str(Role(key).label) for key in self.recommended_roles if key in Role.values]


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class Session(FiscallyDated, models.Model):
    """One date of a city-held course. The row is locked while seats are taken."""

    fiscal_date_field = "starts_at"  # closing a fiscal year freezes these rows

    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="session_has_seats"),
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="session_status_is_known"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at, fiscal.TOKYO)
        return f"{self.course.title} {local:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("courses:session", args=[self.pk])


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


# Present or late counts as a participation; absent and excused do not.
COUNTING_ATTENDANCE = (Attendance.PRESENT, Attendance.LATE)


class Registration(FiscallyDated, models.Model):
    fiscal_date_field = "session__starts_at"  # closing a fiscal year freezes these rows

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("staff member"),
    )
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    requested_at = models.DateTimeField(_("requested at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    walk_in = models.BooleanField(_("walk-in"), default=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    # Raised at every cancellation and registration again; the person's calendar mail carries
    # the session's sequence plus this one, so each message outranks the ones before it.
    calendar_sequence = models.PositiveIntegerField(_("calendar revision"), default=0)

    class Meta:
        ordering = ["session", "requested_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "staff"], name="one_registration_per_person_per_session"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_is_known",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(attendance__in=Attendance.values),
                name="attendance_is_known",
            ),
        ]
        indexes = [
            models.Index(fields=["staff", "status"]),
            models.Index(fields=["session", "status", "requested_at"]),
        ]

    def __str__(self):
        return f"{self.staff} → {self.session} ({self.get_status_display()})"


class Completion(FiscallyDated, models.Model):
    """An online-training completion imported from the provider's list."""

    fiscal_date_field = "completed_on"  # closing a fiscal year freezes these rows

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="completions", verbose_name=_("staff member")
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="completions", verbose_name=_("course")
    )
    completed_on = models.DateField(_("completed on"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-completed_on"]
        verbose_name = _("online completion")
        verbose_name_plural = _("online completions")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "course", "completed_on"], name="one_completion_per_day"
            ),
        ]
        indexes = [models.Index(fields=["staff", "completed_on"])]

    def __str__(self):
        return f"{self.staff} {self.course.code} {self.completed_on}"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for HR")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class ExternalTraining(FiscallyDated, models.Model):
    """Training a staff member attended elsewhere (派遣・外部研修); counts once HR approves."""

    fiscal_date_field = "attended_on"  # closing a fiscal year freezes these rows

    staff = models.ForeignKey(
        Staff,
        on_delete=models.CASCADE,
        related_name="external_trainings",
        verbose_name=_("staff member"),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="external_trainings",
        verbose_name=_("catalogue course"),
    )
    title = models.CharField(_("training title"), max_length=200)
    provider = models.CharField(_("organised by"), max_length=200, blank=True)
    attended_on = models.DateField(_("attended on"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["-attended_on"]
        verbose_name = _("external training")
        verbose_name_plural = _("external trainings")
        indexes = [models.Index(fields=["staff", "status", "attended_on"])]

    def __str__(self):
        return f"{self.staff} {self.title} {self.attended_on}"


class Target(FiscallyDated, models.Model):
    """Participations required per fiscal year and role (the plan's figures, editable by HR)."""

    fiscal_date_field = "fiscal_year"  # closing a fiscal year freezes these rows

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    participations_required = models.PositiveSmallIntegerField(_("participations required"))
    security_required = models.BooleanField(_("security training required"), default=True)

    class Meta:
        ordering = ["-fiscal_year", "role"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "role"], name="one_target_per_role_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.get_role_display()}: {self.participations_required}"


class Exemption(FiscallyDated, models.Model):
    """HR's decision that a person is not judged for a year (long leave, 休職・育児休業)."""

    fiscal_date_field = "fiscal_year"  # closing a fiscal year freezes these rows

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="exemptions", verbose_name=_("staff member")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year", "staff"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "fiscal_year"], name="one_exemption_per_person_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.fiscal_year}: {self.reason}"


class BehindReminder(models.Model):
    """That a 'behind your target' reminder went out, so daily cron runs send it once per period."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=7)  # YYYY-MM: at most one reminder a month
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "fiscal_year", "period"], name="one_behind_reminder_per_month"
            ),
        ]

    def __str__(self):
        return f"{self.staff_id} {self.period}"
