from django.conf import settings
from django.core.checks import Tags, Warning, register


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
