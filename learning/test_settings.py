"""Settings for the test suite: production settings with test-only conveniences."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_MFA_KEYS", "dGVzdC1vbmx5LW1mYS1rZXktMDEyMzQ1Njc4OWFiY2Q=")

from learning.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SITE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
LEARNING_REQUIRE_MFA = False  # tests that check it turn it on
# Tasks run at once, in the request, unless a test is about the queue itself.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }
}
CACHES = {
    **CACHES,  # noqa: F405
    "progress": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "progress",
    },
}
