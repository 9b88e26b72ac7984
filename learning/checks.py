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


@register("city")
def city_code_has_its_check_digit(app_configs, **kwargs):
    """CITY_CODE must be a real 全国地方公共団体コード: six digits, the last the check digit."""
    from learning import city

    code = settings.CITY_CODE
    if city.is_valid_code(code):
        return []
    hint = "Six digits: the five-digit code and its check digit, e.g. 082228 for 鹿嶋市."
    if len(code) == 6 and code.isascii() and code.isdigit():
        hint = f"The check digit of {code[:5]} is {city.check_digit(code[:5])}."
    return [
        Error(
            f"CITY_CODE {code!r} is not a valid local government code (全国地方公共団体コード).",
            hint=hint,
            id="learning.E003",
        )
    ]


@register("city")
def city_phone_is_a_phone_number(app_configs, **kwargs):
    """CITY_PHONE is shown on every public page as a number to call."""
    digits = "".join(ch for ch in settings.CITY_PHONE if ch.isdigit())
    if settings.CITY_PHONE and digits.startswith("0") and 10 <= len(digits) <= 11:
        return []
    return [
        Error(
            f"CITY_PHONE {settings.CITY_PHONE!r} is not a Japanese phone number.",
            hint="10 or 11 digits starting with 0, e.g. 0299-82-2911.",
            id="learning.E004",
        )
    ]
