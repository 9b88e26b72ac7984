"""The permission policy: "may this user do this?" answered in one place.

Duties are the system's permission groups (``auth.Group``, named in Japanese so the admin
shows them). A *permission* is something a user may do; ``grants()`` says which duties hold
each one, and administrators (superusers) hold them all. Everything that decides access
reads this module: views (``permission_required`` / ``PermissionRequiredMixin``), the
navigation and home page (``learning.plugins`` items name a permission), templates (the
``can`` context variable), the apps' permission-checked fetchers (``<app>/access.py``) and
the two-factor rule (``mfa_required``).

``learning/url_policy.py`` stays an independent oracle: the permission-matrix test checks
every URL against it, so a change here that it does not expect fails the suite.
"""

import functools
from enum import StrEnum

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


class Permission(StrEnum):
    """What a user may do. Every logged-in user may ``TRAIN``; the rest come from duties."""

    TRAIN = "train"  # the catalogue, registering, My training, reporting external training
    ORGANISE_SESSIONS = "organise_sessions"  # sessions of one's own courses (HR: every course)
    MANAGE_TRAINING = "manage_training"  # roster, targets, exemptions, compliance, reviews
    SEE_FORECAST = "see_forecast"  # the running year's forecast, which names people
    MANAGE_CLASSES = "manage_classes"  # classes and sign-ups of one's own centres
    SUPPORT_HOUSEHOLDS = "support_households"  # households and support given: personal data
    READ_REPORTS = "read_reports"  # the yearly progress report
    READ_CLASS_STATUS = "read_class_status"  # classes held against the target
    READ_COVERAGE = "read_coverage"  # household coverage against the target (aggregates)
    CLOSE_YEARS = "close_years"  # closing and reopening fiscal years
    ADMINISTER = "administer"  # the Django admin


# Who reads the aggregated reports (yearly report, classes held, coverage): change it here.
REPORT_READERS = frozenset({Duty.REPORT_VIEWER, Duty.HR})


def grants() -> dict[Permission, frozenset[Duty]]:
    """Which duties hold each permission (administrators hold them all; every logged-in
    user holds ``TRAIN``)."""
    return {
        Permission.ORGANISE_SESSIONS: frozenset({Duty.COURSE_ORGANISER, Duty.HR}),
        Permission.MANAGE_TRAINING: frozenset({Duty.HR}),
        Permission.SEE_FORECAST: frozenset({Duty.HR}),
        Permission.MANAGE_CLASSES: frozenset({Duty.CENTRE_STAFF}),
        Permission.SUPPORT_HOUSEHOLDS: frozenset({Duty.SUPPORT_STAFF}),
        Permission.READ_REPORTS: REPORT_READERS,
        # Each duty also reads the aggregates of its own measure.
        Permission.READ_CLASS_STATUS: REPORT_READERS | {Duty.CENTRE_STAFF},
        Permission.READ_COVERAGE: REPORT_READERS | {Duty.SUPPORT_STAFF},
        Permission.CLOSE_YEARS: frozenset(),  # administrators only
        Permission.ADMINISTER: frozenset(),  # administrators only
    }


# Permissions that reach personal data: whoever holds one must use two-factor
# authentication (when settings.LEARNING_REQUIRE_MFA is on), as must administrators.
PERSONAL_DATA = frozenset({Permission.MANAGE_TRAINING, Permission.SUPPORT_HOUSEHOLDS})


def duties_of(user) -> frozenset[str]:
    """The user's duty names, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return frozenset()
    names = getattr(user, "_duty_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._duty_names = names
    return names


def granted(user) -> frozenset[Permission]:
    """Every permission ``user`` holds."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return frozenset(Permission)
    names = duties_of(user)
    return frozenset(
        {Permission.TRAIN}
        | {permission for permission, duties in grants().items() if names & duties}
    )


def may(user, permission: Permission | str) -> bool:
    """May ``user`` do ``permission``? Unknown permissions are refused."""
    try:
        return Permission(permission) in granted(user)
    except ValueError:
        return False


def has_duty(user, *duties: Duty) -> bool:
    """True for administrators and for members of any of ``duties`` (for demo data and
    the home page's list of duties; access decisions use ``may``)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(duties_of(user) & set(duties))


def require(user, *permissions: Permission) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``permissions``."""
    if not any(may(user, permission) for permission in permissions):
        raise PermissionDenied


def mfa_required(user) -> bool:
    """Must ``user`` turn on two-factor authentication? Administrators and holders of a
    permission that reaches personal data."""
    return user.is_authenticated and (user.is_superuser or bool(granted(user) & PERSONAL_DATA))


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def permissions_for_templates(user) -> dict[str, bool]:
    """``{{ can.read_reports }}`` and the like."""
    held = granted(user)
    return {permission.value: permission in held for permission in Permission}


def _check(request, permissions) -> object | None:
    """The one check behind the decorator and the mixin: anonymous visitors go to the
    login page (None is returned when the request may go on), others without any of
    ``permissions`` get 403."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    require(request.user, *permissions)
    return None


def permission_required(*permissions: Permission):
    """For function views: ``@permission_required(Permission.MANAGE_CLASSES)``; any one of
    several permissions lets the request through."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            refused = _check(request, permissions or (Permission.TRAIN,))
            if refused is not None:
                return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class PermissionRequiredMixin:
    """For class-based views: ``permissions = (Permission.MANAGE_TRAINING,)``."""

    permissions: tuple[Permission, ...] = (Permission.TRAIN,)

    def dispatch(self, request, *args, **kwargs):
        refused = _check(request, self.permissions)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)
