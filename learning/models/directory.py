"""The staff directory: departments, staff and their role/department history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """職責 (the plan's four roles, each with its yearly participation target)."""

    MANAGER = "manager", _("Supervisory staff (manager)")
    LEADER = "leader", _("Leader staff")
    GENERAL = "general", _("General staff")
    ICT = "ict", _("ICT department staff")


# Spellings accepted in imports (lower-cased): keys, Japanese labels, and short forms.
ROLE_SPELLINGS = {
    "manager": Role.MANAGER,
    "管理職": Role.MANAGER,
    "監督職員": Role.MANAGER,
    "監督職員(管理職)": Role.MANAGER,
    "leader": Role.LEADER,
    "リーダー的職員": Role.LEADER,
    "リーダー": Role.LEADER,
    "general": Role.GENERAL,
    "一般職員": Role.GENERAL,
    "一般": Role.GENERAL,
    "ict": Role.ICT,
    "ict担当部門職員": Role.ICT,
    "ict担当": Role.ICT,
}


class Department(models.Model):
    """所属. Departments are never deleted: past years are reported under them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Staff(models.Model):
    """A city staff member. Role and department live in the assignment history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("user account"),
    )
    employee_id = models.CharField(_("employee id"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("in service"), default=True)
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, blank=True, db_index=True
    )

    class Meta:
        ordering = ["employee_id"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return f"{self.name} ({self.employee_id})"

    @property
    def email(self) -> str:
        return self.user.email


class Assignment(models.Model):
    """Role and department together, from a date on (transfers happen every 1 April)."""

    staff = models.ForeignKey(
        Staff, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("staff member")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("department"),
    )
    effective_from = models.DateField(_("effective from"))

    class Meta:
        ordering = ["staff", "-effective_from"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignment history")
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "effective_from"], name="one_assignment_per_staff_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="assignment_role_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.get_role_display()} / {self.department} ({self.effective_from:%Y-%m-%d}〜)"
