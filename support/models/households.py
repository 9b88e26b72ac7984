"""Households needing support (measure 14), the support they received and the yearly targets."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated


class District(models.Model):
    """地区: the areas coverage is reported by. Data, so the city can rename or add them."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class HouseholdStatus(models.TextChoices):
    NEEDS_SUPPORT = "open", _("Needs support")
    CLOSED = "closed", _("Closed")


class IdentifiedHow(models.TextChoices):
    WELFARE_REFERRAL = "welfare_referral", _("Referral from a welfare section")
    OWN_APPLICATION = "own_application", _("Own application")
    SURVEY = "survey", _("Survey")
    OTHER = "other", _("Other")


class Reason(models.TextChoices):
    """Why the household cannot use ICT; a household may have several."""

    NO_DEVICE = "no_device", _("No device")
    NO_CONNECTION = "no_connection", _("No connection")
    CANNOT_AFFORD = "cannot_afford", _("Cannot afford communication costs")
    OTHER = "other", _("Other")


class ClosedReason(models.TextChoices):
    NO_LONGER_NEEDED = "no_longer_needed", _("No longer needs support")
    MOVED_AWAY = "moved_away", _("Moved away")
    DECLINED = "declined", _("Declined support")
    OTHER = "other", _("Other")


class SupportKind(models.TextChoices):
    DEVICE_LOAN = "device_loan", _("Device loan")
    ACCESS_PLACE = "access_place", _("Use of a free ICT access place")
    CONNECTION = "connection", _("Connection help")
    CLASS_REFERRAL = "class_referral", _("Referral to a smartphone class")
    PROCEDURE = "procedure", _("Help with an online procedure")
    OTHER = "other", _("Other")


# Reasons are four booleans rather than a list: they filter and count in plain SQL.
REASON_FIELDS = {
    Reason.NO_DEVICE: "reason_no_device",
    Reason.NO_CONNECTION: "reason_no_connection",
    Reason.CANNOT_AFFORD: "reason_cannot_afford",
    Reason.OTHER: "reason_other",
}


class Household(models.Model):
    """A household that cannot use ICT for economic reasons. Never deleted: a closed
    household still counts in the coverage of the years it needed support."""

    reference = models.CharField(
        _("reference number"),
        max_length=30,
        unique=True,
        help_text=_("The city's own number (整理番号). Left empty, one is given."),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="households", verbose_name=_("district")
    )
    members = models.PositiveSmallIntegerField(_("number of members"), default=1)
    reason_no_device = models.BooleanField(Reason.NO_DEVICE.label, default=False)
    reason_no_connection = models.BooleanField(Reason.NO_CONNECTION.label, default=False)
    reason_cannot_afford = models.BooleanField(Reason.CANNOT_AFFORD.label, default=False)
    reason_other = models.BooleanField(Reason.OTHER.label, default=False)
    identified_on = models.DateField(_("identified on"))
    identified_how = models.CharField(
        _("how identified"),
        max_length=20,
        choices=IdentifiedHow.choices,
        default=IdentifiedHow.OTHER,
    )
    consent_recorded = models.BooleanField(
        _("consent recorded"),
        default=False,
        help_text=_("The household agreed that the city keeps these records."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HouseholdStatus.choices,
        default=HouseholdStatus.NEEDS_SUPPORT,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["reference"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["identified_on", "closed_on"], name="household_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=HouseholdStatus.values), name="household_status_is_known"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True, closed_reason="")
                | Q(status="closed", closed_on__isnull=False) & ~Q(closed_reason=""),
                name="household_closed_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("identified_on")),
                name="household_closed_after_identified",
            ),
            models.CheckConstraint(
                condition=Q(members__gte=1, members__lte=30), name="household_members_1_to_30"
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("support:household", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.status == HouseholdStatus.CLOSED

    @property
    def reasons(self) -> list[Reason]:
        return [reason for reason, field in REASON_FIELDS.items() if getattr(self, field)]

    def reason_labels(self) -> list[str]:
        return [reason.label for reason in self.reasons]


class SupportRecord(FiscallyDated, models.Model):
    """One piece of help given to a household on a day."""

    fiscal_date_field = "date"  # closing a fiscal year freezes these rows

    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="support_records",
        verbose_name=_("household"),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of support"), max_length=20, choices=SupportKind.choices)
    staff = models.ForeignKey(
        "learning.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_records",
        verbose_name=_("staff member"),
    )
    smartphone_class = models.ForeignKey(
        "classes.SmartphoneClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_referrals",
        verbose_name=_("smartphone class"),
        help_text=_("For a referral to a smartphone class, the class when it is known."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("support record")
        verbose_name_plural = _("support records")
        indexes = [
            # Coverage asks "first support of this household on or before a day".
            models.Index(fields=["household", "date"], name="support_household_date"),
            # Support by kind groups each household's records per kind in one ordered scan.
            models.Index(fields=["household", "kind", "date"], name="support_household_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SupportKind.values), name="support_kind_is_known"
            ),
            models.CheckConstraint(
                condition=Q(smartphone_class__isnull=True) | Q(kind="class_referral"),
                name="support_class_only_for_referrals",
            ),
        ]

    def __str__(self):
        return f"{self.household} {self.date:%Y-%m-%d} {self.get_kind_display()}"


class CoverageTarget(FiscallyDated, models.Model):
    """The plan's target share of households covered, per fiscal year (data, not constants)."""

    fiscal_date_field = "fiscal_year"  # closing a fiscal year freezes these rows

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"), unique=True)
    target_percent = models.DecimalField(_("target (%)"), max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["fiscal_year"]
        verbose_name = _("coverage target")
        verbose_name_plural = _("coverage targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_percent__gte=0, target_percent__lte=100),
                name="coverage_target_is_a_percentage",
            ),
        ]

    def __str__(self):
        return f"FY{self.fiscal_year}: {self.target_percent}%"
