"""Lendable devices and their loans; free ICT access places and their visits."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated
from learning.models.facility import PublicFacility
from support.models.households import Household, SupportRecord


class DeviceKind(models.TextChoices):
    TABLET = "tablet", _("Tablet")
    PC = "pc", _("PC")
    ROUTER = "router", _("Mobile router")


class Device(models.Model):
    """A device the city lends, identified by its asset tag (備品番号)."""

    asset_tag = models.CharField(_("asset tag"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DeviceKind.choices)
    description = models.CharField(_("model / description"), max_length=100, blank=True)
    in_service = models.BooleanField(
        _("in service"), default=True, help_text=_("Off for devices retired or being repaired.")
    )

    class Meta:
        ordering = ["kind", "asset_tag"]
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DeviceKind.values), name="device_kind_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.asset_tag} ({self.get_kind_display()})"


class Loan(models.Model):
    """A device lent to a household. Every loan is also a support record (kind device_loan)."""

    device = models.ForeignKey(
        Device, on_delete=models.PROTECT, related_name="loans", verbose_name=_("device")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="loans", verbose_name=_("household")
    )
    support_record = models.OneToOneField(
        SupportRecord,
        on_delete=models.PROTECT,
        related_name="loan",
        verbose_name=_("support record"),
    )
    lent_on = models.DateField(_("lent on"))
    due_on = models.DateField(_("due on"))
    returned_on = models.DateField(_("returned on"), null=True, blank=True)

    class Meta:
        ordering = ["-lent_on", "-pk"]
        verbose_name = _("device loan")
        verbose_name_plural = _("device loans")
        indexes = [models.Index(fields=["returned_on", "due_on"], name="loan_open_due")]
        constraints = [
            # A device is with at most one household at a time.
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(returned_on__isnull=True),
                name="one_open_loan_per_device",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("lent_on")), name="loan_due_after_lent"
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("lent_on")),
                name="loan_returned_after_lent",
            ),
        ]

    def __str__(self):
        return f"{self.device} → {self.household} ({self.lent_on:%Y-%m-%d})"


class AccessPlace(PublicFacility):
    """自由にICT機器を使える場: a place where anyone may use the city's ICT equipment. Its
    public facts (``PublicFacility``) go to the open-data facility list (公共施設一覧)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    room = models.CharField(
        _("room or floor"), max_length=100, blank=True, help_text=_("E.g. 本庁舎1階 市民ホール")
    )
    description = models.CharField(_("what is there"), max_length=300, blank=True)
    active = models.BooleanField(_("open"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [*PublicFacility.Meta.constraints]
        verbose_name = _("free ICT access place")
        verbose_name_plural = _("free ICT access places")

    def __str__(self):
        return self.name


class AccessVisit(FiscallyDated, models.Model):
    """Visits to a place on a day. Without a household it is the day's count of anonymous
    visitors (one row per place and day); with one, it is that household's visit and is
    also a support record (kind access_place)."""

    fiscal_date_field = "date"  # closing a fiscal year freezes these rows

    place = models.ForeignKey(
        AccessPlace, on_delete=models.PROTECT, related_name="visits", verbose_name=_("place")
    )
    date = models.DateField(_("date"))
    visitors = models.PositiveIntegerField(_("visitors"), default=1)
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_visits",
        verbose_name=_("household"),
    )
    support_record = models.OneToOneField(
        SupportRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_visit",
        verbose_name=_("support record"),
    )

    class Meta:
        ordering = ["-date", "place"]
        verbose_name = _("access-place visit")
        verbose_name_plural = _("access-place visits")
        indexes = [models.Index(fields=["date", "place"], name="visit_date_place")]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "date"],
                condition=Q(household__isnull=True),
                name="one_anonymous_count_per_place_and_day",
            ),
            models.CheckConstraint(
                condition=Q(household__isnull=True) | Q(visitors=1, support_record__isnull=False),
                name="household_visit_is_one_support_record",
            ),
        ]

    def __str__(self):
        return f"{self.place} {self.date:%Y-%m-%d} ×{self.visitors}"
