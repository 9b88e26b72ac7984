"""The system's own permission groups and the checks views use.

Administrators (superusers) pass every check. Ordinary staff are anyone with a
staff record; the groups below add duties on top.
"""

from enum import StrEnum

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class Duty(StrEnum):
    """Group names as stored in auth.Group (kept in Japanese: the admin shows them)."""

    HR = "人事担当"
    COURSE_ORGANISER = "研修担当"
    CENTRE_STAFF = "公民館職員"
    SUPPORT_STAFF = "支援担当"
    REPORT_VIEWER = "報告閲覧者"


DUTY_DESCRIPTIONS = {
    Duty.HR: _("HR: roster, targets, exemptions and the compliance page"),
    Duty.COURSE_ORGANISER: _(
        "Course organiser: sessions, registrants and attendance of own courses"
    ),
    Duty.CENTRE_STAFF: _("Community-centre staff: classes and sign-ups of own centres"),
    Duty.SUPPORT_STAFF: _("Support staff: households and the help given (personal data)"),
    Duty.REPORT_VIEWER: _("Report viewer: aggregated reports only"),
}


def has_duty(user, *duties: Duty) -> bool:
    """True for administrators and for members of any of ``duties``."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_duty_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._duty_names = names  # one query per request, however many checks
    return any(duty in names for duty in duties)


def require_duty(user, *duties: Duty) -> None:
    if not has_duty(user, *duties):
        raise PermissionDenied


class DutyRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; logged-in users without the duty get 403."""

    duties: tuple[Duty, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.duties and not has_duty(request.user, *self.duties):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
