from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_for_rate_limits(app_configs, **kwargs):
    """Login rate limits count failures in the cache: with several workers it must be shared."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The default cache is local to each process, so login rate limits are not shared "
                "between workers.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
                id="learning.W001",
            )
        ]
    return []


@register(Tags.security)
def mfa_keys_are_fernet_keys(app_configs, **kwargs):
    """A malformed key would only fail at someone's next login: refuse it at start-up."""
    from learning.mfa import key_problems

    return [
        Error(f"DJANGO_MFA_KEYS: {problem}.", id="learning.E002")
        for problem in key_problems(settings.LEARNING_MFA_KEYS)
    ]


@register(Tags.security, deploy=True)
def mfa_keys_set_in_production(app_configs, **kwargs):
    """Two-factor secrets are encrypted with DJANGO_MFA_KEYS: production needs its own key."""
    from learning.mfa import DEVELOPMENT_KEY

    keys = settings.LEARNING_MFA_KEYS
    if not keys or DEVELOPMENT_KEY in keys:
        return [
            Error(
                "DJANGO_MFA_KEYS is not set (or holds the public development key): two-factor "
                "secrets cannot be stored encrypted.",
                hint='Generate a key with `python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"` and keep it outside the backups.',
                id="learning.E001",
            )
        ]
    return []
