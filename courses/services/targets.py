"""Writes to the yearly targets (fiscal year × role → participations required)."""

from courses.models import Target
from learning.closing import ensure_open
from learning.errors import Refused
from learning.models import Role
from learning.targets import TargetCopyError, copy_year_targets


class TargetError(Refused):
    """A target rule was broken; the message is shown to the user as it is."""


def set_target(
    *, fiscal_year: int, role: Role | str, participations_required: int, security_required: bool
) -> Target:
    """Create or change the target of ``role`` in ``fiscal_year``; returns it."""
    ensure_open(fiscal_year)
    target = Target.objects.filter(fiscal_year=fiscal_year, role=role).first() or Target(
        fiscal_year=fiscal_year, role=role
    )
    target.participations_required = participations_required
    target.security_required = security_required
    target.full_clean()
    target.save()
    return target


def copy_targets(*, from_year: int, to_year: int) -> list[Target]:
    """Copy every role's target of ``from_year`` to ``to_year`` in one step.

    Refused (``TargetError``) when ``to_year`` already has targets or ``from_year`` has none,
    so HR never overwrites a year by accident; edit single targets instead.
    """
    try:
        return copy_year_targets(
            model=Target,
            from_year=from_year,
            to_year=to_year,
            fields=("role", "participations_required", "security_required"),
        )
    except TargetCopyError as error:
        raise TargetError(str(error)) from None
