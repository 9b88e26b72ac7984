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
            id="learning.E001",
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
            id="learning.E002",
        )
    ]
