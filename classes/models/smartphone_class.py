"""Smartphone classes and the citizens who sign up for them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated


class Topic(models.TextChoices):
    BASICS = "basics", _("Smartphone basics")
    MY_NUMBER = "my_number", _("My Number Card and Mynaportal")
    ONLINE_APPLICATION = "online_application", _("Online applications to the city")
    CASHLESS = "cashless", _("Cashless payment")
    SECURITY = "security", _("Scams and security")
    OTHER = "other", _("Other")


def counted_classes(*, now=None) -> Q:
    """The measure's rule, in one place: a class counts toward its centre's target when it
    was held, its attendance was recorded, and it has taken place."""
    return Q(
        status="held", attendance_recorded_at__isnull=False, starts_at__lte=now or timezone.now()
    )


class SmartphoneClassQuerySet(models.QuerySet):
    def counted(self, *, now=None) -> "SmartphoneClassQuerySet":
        """Classes that count toward their centre's target (``counted_classes``)."""
        return self.filter(counted_classes(now=now))


class SmartphoneClass(FiscallyDated, models.Model):
    """A class at a centre. Calendar-visible changes go through the services, which
    bump ``sequence`` and ``updated_at`` (the feeds' SEQUENCE and LAST-MODIFIED)."""

    fiscal_date_field = "starts_at"  # closing a fiscal year freezes these rows

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    centre = models.ForeignKey(
        "classes.Centre",
        on_delete=models.PROTECT,
        related_name="classes",
        verbose_name=_("community centre"),
    )
    title = models.CharField(_("class title"), max_length=100)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(
        _("room"), max_length=100, help_text=_("Where in the centre, e.g. 2階 会議室")
    )
    capacity = models.PositiveSmallIntegerField(_("seats"))
    description = models.TextField(_("what you will learn"), blank=True)
    what_to_bring = models.CharField(_("what to bring"), max_length=200, blank=True)
    instructors = models.ManyToManyField(
        "classes.Instructor", blank=True, related_name="classes", verbose_name=_("instructors")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Shown on the public pages and calendars, and open for sign-up."),
    )
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )
    walk_ins = models.PositiveSmallIntegerField(
        _("participants without sign-up"),
        default=0,
        help_text=_("People who came without signing up."),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    objects = SmartphoneClassQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("smartphone class")
        verbose_name_plural = _("smartphone classes")
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["centre", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="class_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="class_has_a_seat"),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "cancelled", "held"]),
                name="class_status_is_known",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title} ({local:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("classes:class", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class AgeBand(models.TextChoices):
    UNDER_60 = "under_60", _("Under 60")
    SIXTIES = "60s", _("60 to 69")
    SEVENTIES = "70s", _("70 to 79")
    OVER_80 = "80_plus", _("80 or over")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    COUNTER = "counter", _("At the counter")


# A sign-up is for one person or two (本人とご家族など): each takes a seat.
MAX_PARTY_SIZE = 2


class SignUp(models.Model):
    """A citizen's place (or place on the waiting list) in a class, for one or two people.

    Names and contacts are erased some days after the class (``purge_personal_data``);
    the row stays so that counts and attendance remain."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    smartphone_class = models.ForeignKey(
        SmartphoneClass,
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("smartphone class"),
    )
    number = models.CharField(_("confirmation number"), max_length=12, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    party_size = models.PositiveSmallIntegerField(
        _("people"), default=1, help_text=_("Seats this sign-up takes: 1, or 2 with a companion.")
    )
    channel = models.CharField(_("taken"), max_length=10, choices=Channel.choices)
    consent_at = models.DateTimeField(_("consent given at"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        indexes = [models.Index(fields=["smartphone_class", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="signup_status_is_known",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["online", "phone", "counter"]),
                name="signup_channel_is_known",
            ),
            models.CheckConstraint(
                condition=Q(party_size__gte=1, party_size__lte=MAX_PARTY_SIZE),
                name="signup_is_for_one_or_two",
            ),
            # A name and a phone number until the personal data is erased.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | (~Q(name="") & ~Q(phone="")),
                name="signup_has_contact_until_erased",
            ),
        ]

    def __str__(self):
        return self.number


class PhoneCall(models.Model):
    """A call from the centre to a citizen without e-mail, ticked 連絡済み on the daily call
    list: who called and when. One per sign-up and reason."""

    class Reason(models.TextChoices):
        PROMOTED = "promoted", _("Moved up from the waiting list")
        REMINDER = "reminder", _("Class tomorrow")

    signup = models.ForeignKey(
        SignUp, on_delete=models.CASCADE, related_name="calls", verbose_name=_("sign-up")
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    called_at = models.DateTimeField(_("called at"))
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("called by"),
    )

    class Meta:
        ordering = ["called_at", "pk"]
        verbose_name = _("phone call")
        verbose_name_plural = _("phone calls")
        constraints = [
            models.UniqueConstraint(
                fields=["signup", "reason"], name="one_call_per_signup_and_reason"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=["promoted", "reminder"]), name="phone_call_reason_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.signup} {self.reason}"
