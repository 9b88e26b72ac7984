from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A login account. Staff records (courses.Staff) point here."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")

    def __str__(self):
        return self.email


class FiscalYearClosing(models.Model):
    """A fiscal year closed by an administrator once its data are final.

    While a row with no ``reopened_at`` exists the year is closed: its report reads
    ``snapshot`` and records dated in it cannot be added or changed. Reopening keeps the
    row (with who, when and why), so the history of closings is the log.
    """

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        "learning.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("closed by")
    )
    snapshot = models.JSONField(_("figures at closing"))
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        "learning.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["-fiscal_year", "-closed_at"]
        verbose_name = _("fiscal year closing")
        verbose_name_plural = _("fiscal year closings")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=models.Q(reopened_at__isnull=True),
                name="one_open_closing_per_fiscal_year",
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year}"
