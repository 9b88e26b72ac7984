"""Writing the audit log: every view and change of household records."""

from collections.abc import Iterable

from support.models import AuditAction, AuditEntry, Household

MAX_SHOWN = 5000  # a list page shows far fewer; the cap keeps one entry bounded


def client_ip(request) -> str | None:
    """The address the request came from. REMOTE_ADDR only: X-Forwarded-For can be forged
    unless the proxy in front sets it, and then the proxy's own log has the client."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(
    *,
    request=None,
    user=None,
    action: AuditAction,
    household: Household | None = None,
    households: Iterable[Household] = (),
    detail: str = "",
    ip: str | None = None,
) -> AuditEntry:
    """Append one entry. ``request`` gives the user, IP and page; commands pass ``user=None``;
    background tasks pass the ``user`` and ``ip`` of the request that started them."""
    if request is not None:
        user = request.user if request.user.is_authenticated else None
    references = [h.reference for h in households][:MAX_SHOWN]
    return AuditEntry.objects.create(
        user=user,
        user_email=getattr(user, "email", "") or "",
        ip_address=client_ip(request) if request is not None else ip,
        action=action,
        household=household,
        households_shown=" ".join(references),
        path=request.get_full_path()[:500] if request is not None else "",
        detail=detail[:500],
    )
