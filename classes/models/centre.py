"""Community centres (公民館) and the number of classes each must hold per fiscal year."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning.closing import FiscallyDated

# Centre slugs share /classes/<slug>/ with the app's own pages.
RESERVED_SLUGS = frozenset(
    {"manage", "month", "class", "signup", "status", "calendar.ics", "static", "admin"}
)


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is used by another page; choose another."), params={"value": value}
        )


class Centre(models.Model):
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
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
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
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("classes:centre", kwargs={"slug": self.slug})


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
