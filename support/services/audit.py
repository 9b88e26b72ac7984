"""Writing the audit log: every view and change of household records."""

from collections.abc import Iterable

from learning.clientip import client_ip
from support.models import AuditAction, AuditEntry, Household

MAX_SHOWN = 5000  # a list page shows far fewer; the cap keeps one entry bounded


def log_access(
    *,
    request=None,
    user=None,
    action: AuditAction,
    household: Household | None = None,
    households: Iterable[Household] = (),
    detail: str = "",
) -> AuditEntry:
    """Append one entry. ``request`` gives the user, IP and page; commands pass ``user=None``."""
    if request is not None:
        user = request.user if request.user.is_authenticated else None
    references = [h.reference for h in households][:MAX_SHOWN]
    return AuditEntry.objects.create(
        user=user,
        user_email=getattr(user, "email", "") or "",
        ip_address=client_ip(request) if request is not None else None,
        action=action,
        household=household,
        households_shown=" ".join(references),
        path=request.get_full_path()[:500] if request is not None else "",
        detail=detail[:500],
    )
