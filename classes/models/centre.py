"""Community centres (公民館), the towns each serves, and the number of classes each must hold
per fiscal year.

A centre's public facts (name in katakana, address, position, phone, opening days and hours,
access, parking, barrier-free notes) are what the citizens' pages show and what the open-data
facility list (公共施設一覧) needs; centre staff keep them up to date."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated

# Centre slugs share /classes/<slug>/ with the app's own pages.
RESERVED_SLUGS = frozenset(
    {
        "manage",
        "month",
        "class",
        "signup",
        "status",
        "calendar.ics",
        "static",
        "admin",
        "accessibility",
    }
)


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is used by another page; choose another."), params={"value": value}
        )


# ISO weekdays (1 = Monday) as the letters the open-data facility list uses.
WEEKDAY_LETTERS = {1: "月", 2: "火", 3: "水", 4: "木", 5: "金", 6: "土", 7: "日"}


class Centre(models.Model):
    """A community centre: the central one (中央公民館) or a district one (地区公民館)."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central community centre")
        DISTRICT = "district", _("District community centre")

    name = models.CharField(_("centre name"), max_length=100, unique=True)
    name_kana = models.CharField(
        _("name in katakana"),
        max_length=100,
        blank=True,
        help_text=_("Full-width katakana, e.g. カシマチクコウミンカン."),
    )
    slug = models.SlugField(
        _("address in the web page"),
        max_length=50,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Letters, digits and hyphens, e.g. “chuo”. Used in the public address."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Blank is not 0: a centre without a position has none (null), not 0°N 0°E.
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    open_days = models.CharField(
        _("open days"),
        max_length=7,
        blank=True,
        help_text=_("Weekdays as ISO numbers in order, 1 = Monday: “12345” is Monday to Friday."),
    )
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    hours_note = models.CharField(
        _("notes on opening days and hours"),
        max_length=200,
        blank=True,
        help_text=_("E.g. closed on public holidays and from 29 December to 3 January."),
    )
    access = models.TextField(_("how to get there"), blank=True)
    parking = models.CharField(_("parking"), max_length=200, blank=True)
    barrier_free = models.TextField(_("barrier-free facilities"), blank=True)
    position = models.PositiveSmallIntegerField(_("order in lists"), default=100)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)  # the open data's date
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_centres",
        verbose_name=_("staff who manage it"),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("community centre")
        verbose_name_plural = _("community centres")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["central", "district"]), name="centre_kind_is_known"
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
                name="centre_position_is_both_or_neither_and_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True, closes_at__isnull=True)
                | models.Q(
                    opens_at__isnull=False,
                    closes_at__isnull=False,
                    closes_at__gt=models.F("opens_at"),
                ),
                name="centre_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(open_days__regex=r"^1?2?3?4?5?6?7?$"),
                name="centre_open_days_are_weekdays_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classes:centre", kwargs={"slug": self.slug})

    @property
    def open_weekdays(self) -> list[int]:
        """ISO weekdays the centre is open (1 = Monday)."""
        return [int(day) for day in self.open_days]

    @property
    def open_days_letters(self) -> list[str]:
        """["月", "火", "水", "木", "金"]: as the open-data facility list writes them."""
        return [WEEKDAY_LETTERS[day] for day in self.open_weekdays]

    @property
    def has_opening_hours(self) -> bool:
        return bool(self.open_days) or self.opens_at is not None or bool(self.hours_note)


class Town(models.Model):
    """A town (町 or 大字) whose residents a centre serves: the public index asks the reader
    where they live and shows that centre's classes first. A town has one centre."""

    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="towns", verbose_name=_("community centre")
    )
    name = models.CharField(_("town"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("order in lists"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("town served")
        verbose_name_plural = _("towns served")
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="town_has_a_name"),
        ]

    def __str__(self):
        return self.name


class ClassTarget(FiscallyDated, models.Model):
    """How many classes each centre of a kind must hold in a fiscal year (the plan: 2 per
    district centre from FY2023). Data, not a constant, so later years can be added."""

    fiscal_date_field = "fiscal_year"  # closing a fiscal year freezes these rows

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    centre_kind = models.CharField(_("kind of centre"), max_length=10, choices=Centre.Kind.choices)
    classes_per_centre = models.PositiveSmallIntegerField(_("classes required per centre"))

    class Meta:
        ordering = ["-fiscal_year", "centre_kind"]
        verbose_name = _("class target")
        verbose_name_plural = _("class targets")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "centre_kind"], name="one_class_target_per_year_and_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=2000, fiscal_year__lte=2100),
                name="class_target_year_is_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.get_centre_kind_display()}: {self.classes_per_centre}"
