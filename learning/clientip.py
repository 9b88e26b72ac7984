"""The client's address: one answer for the login limits (allauth), the class sign-up
limit (django-ratelimit) and the support audit log.

Without a proxy it is REMOTE_ADDR. Behind the documented TLS proxy
(``DJANGO_BEHIND_PROXY=1``) REMOTE_ADDR is the proxy's, and each of the
``DJANGO_TRUSTED_PROXY_COUNT`` proxies appends the address it received the request from
to X-Forwarded-For. Whatever the client wrote into that header itself stays on the left,
so the client is the entry that many places from the right, never the first one.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    """A valid IPv4/IPv6 address, normalised, or None. A port (``1.2.3.4:5678``,
    ``[2001:db8::1]:443``), which some proxies add, is dropped."""
    value = value.strip()
    candidates = [value]
    if value.startswith("[") and "]" in value:
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:
        candidates.append(value.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_ip(request) -> str | None:
    """The address of the client that sent ``request``, or None when it is unknown."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if not settings.LEARNING_BEHIND_PROXY:
        return peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    count = max(settings.LEARNING_TRUSTED_PROXY_COUNT, 1)
    if len(hops) < count:
        # The request did not pass through every proxy (or the header was stripped).
        return peer
    return _address(hops[-count]) or peer


def rate_limit_ip(request) -> str:
    """django-ratelimit's ``key="ip"`` (settings.RATELIMIT_IP_META_KEY): the client's
    address; requests whose address is unknown share one count."""
    return client_ip(request) or "0.0.0.0"
