"""Writing the audit log: every view and change of household records.

Changes are logged by the write services themselves (``record_change``, in the service's
own transaction), so a write from a page, a command, the shell or a new view is audited
whoever calls it: every write service takes the ``actor``. Views log only what they show
(``log_access``).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from learning.clientip import client_ip
from support.models import AuditAction, AuditEntry, Household

MAX_SHOWN = 5000  # a list page shows far fewer; the cap keeps one entry bounded


@dataclass(frozen=True)
class Actor:
    """Who changes household records, and from where (an address and a page, or a command)."""

    user: object | None = None
    ip_address: str | None = None
    path: str = ""

    @classmethod
    def of(cls, request) -> "Actor":
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, ip_address=client_ip(request), path=request.get_full_path()[:500])

    @classmethod
    def command(cls, name: str, *, user=None) -> "Actor":
        """A management command, a job or the shell (``Actor.command("shell")``)."""
        return cls(user=user, path=name[:500])


def record_change(
    *,
    actor: Actor,
    action: AuditAction,
    household: Household | None = None,
    households: Iterable[Household] = (),
    detail: str = "",
) -> AuditEntry:
    """Append the entry for a change; called by the write services inside their transaction."""
    references = [h.reference for h in households][:MAX_SHOWN]
    return AuditEntry.objects.create(
        user=actor.user,
        user_email=getattr(actor.user, "email", "") or "",
        ip_address=actor.ip_address,
        action=action,
        household=household,
        households_shown=" ".join(references),
        path=actor.path,
        detail=detail[:500],
    )


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
    """Append the entry for what a page showed (a list, a household, an export, an import's
    preview): ``request`` gives the user, address and page; background tasks pass the
    ``user`` and ``ip`` of the request that started them."""
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
