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
from learning.models.facility import WEEKDAY_LETTERS, PublicFacility  # noqa: F401

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


class Centre(PublicFacility):
    """A community centre: the central one (中央公民館) or a district one (地区公民館)."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central community centre")
        DISTRICT = "district", _("District community centre")

    name = models.CharField(_("centre name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("address in the web page"),
        max_length=50,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Letters, digits and hyphens, e.g. “chuo”. Used in the public address."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    access = models.TextField(_("how to get there"), blank=True)
    parking = models.CharField(_("parking"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order in lists"), default=100)
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
            *PublicFacility.Meta.constraints,
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classes:centre", kwargs={"slug": self.slug})


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
