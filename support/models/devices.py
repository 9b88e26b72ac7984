"""Lendable devices and their loans; free ICT access places and their visits."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated
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


class AccessPlace(models.Model):
    """自由にICT機器を使える場: a place where anyone may use the city's ICT equipment."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # What the open-data facility list (公共施設一覧) publishes; blank where unknown.
    name_kana = models.CharField(
        _("name in katakana"),
        max_length=100,
        blank=True,
        help_text=_("E.g. シヤクショ ICTコーナー"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    room = models.CharField(
        _("room or floor"), max_length=100, blank=True, help_text=_("E.g. 本庁舎1階 市民ホール")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    open_days = models.CharField(
        _("open days"),
        max_length=7,
        blank=True,
        help_text=_("Weekday numbers, Monday = 1: e.g. 12345 for Monday to Friday."),
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    hours_note = models.CharField(_("notes on opening hours"), max_length=200, blank=True)
    description = models.CharField(_("what is there"), max_length=300, blank=True)
    barrier_free = models.TextField(_("barrier-free facilities"), blank=True)
    active = models.BooleanField(_("open"), default=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(open_days__regex=r"^1?2?3?4?5?6?7?$"),
                name="access_place_open_days_are_weekdays",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="access_place_position_is_both_or_neither_and_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True, closes_at__isnull=True)
                | models.Q(
                    opens_at__isnull=False,
                    closes_at__isnull=False,
                    closes_at__gt=models.F("opens_at"),
                ),
                name="access_place_closes_after_it_opens",
            ),
        ]
        verbose_name = _("free ICT access place")
        verbose_name_plural = _("free ICT access places")

    def __str__(self):
        return self.name

    @property
    def open_days_letters(self) -> list[str]:
        return [WEEKDAYS[int(day) - 1] for day in self.open_days]


WEEKDAYS = "月火水木金土日"


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
