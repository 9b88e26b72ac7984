"""Writes to the yearly targets (fiscal year × role → participations required)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from courses.models import Target
from learning.closing import ensure_open
from learning.errors import Refused
from learning.models import Role


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
    if from_year == to_year:
        raise TargetError(_("Choose a different year to copy to."))
    ensure_open(to_year)
    sources = list(Target.objects.filter(fiscal_year=from_year).order_by("role"))
    if not sources:
        raise TargetError(_("The year to copy from has no targets."))
    copies = [
        Target(
            fiscal_year=to_year,
            role=source.role,
            participations_required=source.participations_required,
            security_required=source.security_required,
        )
        for source in sources
    ]
    for copy in copies:
        copy.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            # Checked inside the transaction; the unique constraint catches a concurrent copy.
            if Target.objects.filter(fiscal_year=to_year).exists():
                raise TargetError(_("That year already has targets. Edit them instead of copying."))
            Target.objects.bulk_create(copies)
    except IntegrityError:
        raise TargetError(
            _("That year already has targets. Edit them instead of copying.")
        ) from None
    return copies
