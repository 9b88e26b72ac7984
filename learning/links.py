"""Absolute links (mails, calendar feeds, QR codes, password-reset links) are built from
settings.SITE_URL, never from the request: the Host header is the client's to choose."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


def site_root() -> str:
    """SITE_URL without a trailing slash, e.g. ``https://learning.city.example.jp``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) on SITE_URL."""
    return site_root() + path


@dataclass(frozen=True)
class Site:
    """What allauth's mail templates read as ``current_site`` (name and domain)."""

    name: str
    domain: str


def current_site() -> Site:
    host = urlsplit(settings.SITE_URL).netloc or "localhost"
    return Site(name=host, domain=host)
