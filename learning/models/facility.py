"""What the public and the open-data facility list (公共施設一覧) are told about a place:
the facts every public facility shares, whichever app keeps it (community centres, free
ICT access places). Blank where unknown: a place without a position has none, not 0°N 0°E."""

from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAY_LETTERS = {1: "月", 2: "火", 3: "水", 4: "木", 5: "金", 6: "土", 7: "日"}


class PublicFacility(models.Model):
    name_kana = models.CharField(
        _("name in katakana"),
        max_length=100,
        blank=True,
        help_text=_("Full-width katakana, e.g. カシマチクコウミンカン."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
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
    barrier_free = models.TextField(_("barrier-free facilities"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)  # the open data's date

    class Meta:
        abstract = True
        constraints = [
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
                name="%(app_label)s_%(class)s_position_is_both_or_neither_and_on_earth",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True, closes_at__isnull=True)
                | models.Q(
                    opens_at__isnull=False,
                    closes_at__isnull=False,
                    closes_at__gt=models.F("opens_at"),
                ),
                name="%(app_label)s_%(class)s_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(open_days__regex=r"^1?2?3?4?5?6?7?$"),
                name="%(app_label)s_%(class)s_open_days_are_weekdays_in_order",
            ),
        ]

    @property
    def open_weekdays(self) -> list[int]:
        """ISO weekdays the place is open (1 = Monday)."""
        return [int(day) for day in self.open_days]

    @property
    def open_days_letters(self) -> list[str]:
        """["月", "火", "水", "木", "金"]: as the open-data facility list writes them."""
        return [WEEKDAY_LETTERS[day] for day in self.open_weekdays]

    @property
    def has_opening_hours(self) -> bool:
        return bool(self.open_days) or self.opens_at is not None or bool(self.hours_note)
