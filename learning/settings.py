"""Settings for the city's learning and digital-support system.

Everything that differs between a laptop and production comes from the environment
(see README, "Environment variables"). DEBUG is off unless DJANGO_DEBUG=1; with it off
the settings are production-grade and pass `manage.py check --deploy`.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from learning.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "learning",
    "courses",
    "classes",
    "support",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tables2",
    "django_filters",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "learning.guards.RejectNulInPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "learning.middleware.JapaneseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learning.guards.NoStoreForStaffMiddleware",
    "learning.directory.middleware.NoStaffRecordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learning.middleware.RequireMFAMiddleware",
    "learning.middleware.ClosedYearMiddleware",
]

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"
ASGI_APPLICATION = "learning.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "learning.context_processors.navigation",
                "learning.context_processors.city",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL in production and CI (DATABASE_URL).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two sign-ups for the last seat
    # queue instead of failing with "database is locked" half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "learning.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail login, no public sign-up, rate limits on, TOTP available.
ACCOUNT_ADAPTER = "learning.accounts.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# A reset asked for an unknown address sends nothing (allauth would invite to sign up,
# and sign-up is closed); the page answers the same either way.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "City learning")
# TOTP keys and recovery-code seeds are stored encrypted (learning/mfa.py) with these
# Fernet keys: the first encrypts, all decrypt (rotation, see README). Required when DEBUG
# is off (deploy check); development falls back to a fixed, public key.
MFA_ADAPTER = "learning.accounts.EncryptingMFAAdapter"
LEARNING_MFA_KEYS = env_list("DJANGO_MFA_KEYS", [])
if not LEARNING_MFA_KEYS and DEBUG:
    from learning.mfa import DEVELOPMENT_KEY

    LEARNING_MFA_KEYS = [DEVELOPMENT_KEY]

# Internationalisation: Japanese first, English second.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "media"

# E-mail through Django's mail API (Django 6.1 MAILERS); the console backend prints
# mail in development, DJANGO_EMAIL_BACKEND=smtp sends it through DJANGO_EMAIL_HOST.
_EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "console" if DEBUG else "smtp")
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
MAILERS = {"default": {"BACKEND": _EMAIL_BACKENDS.get(_EMAIL_BACKEND, _EMAIL_BACKEND)}}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        "username": env_str("DJANGO_EMAIL_HOST_USER", ""),
        "password": env_str("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL", False),
        "timeout": 20,
    }
# Background work (mail, imports, report PDFs) runs in `manage.py db_worker` processes;
# the queue is a table in the same database (django-tasks-db). Mail has its own queue so
# a long import never holds it up.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mail"],
    }
}
# Failed deliveries are tried again after these many seconds (5 tries over about an hour).
LEARNING_MAIL_RETRY_SECONDS = [60, 5 * 60, 15 * 60, 40 * 60]
# Uploaded import files and their previews are deleted this many hours after upload.
LEARNING_IMPORT_JOB_HOURS = env_int("LEARNING_IMPORT_JOB_HOURS", 6)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@city.example.jp")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: shared by every worker in production (rate limits live here), local otherwise.
_REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
    if _REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# Progress of background jobs, written by a worker while its import transaction is still
# open and read by the page: Redis in production, a directory shared by the development
# server and its worker otherwise.
CACHES["progress"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _REDIS_URL}
    if _REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("LEARNING_PROGRESS_DIR") or str(BASE_DIR / ".progress"),
    }
)

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# Behind the TLS proxy (README, "Running in production") the client's address is taken
# from X-Forwarded-For, counting this many proxies from the right (learning/clientip.py).
# The login limits (allauth adapter), the sign-up limit and the audit log all use it.
LEARNING_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
LEARNING_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1)
RATELIMIT_IP_META_KEY = "learning.clientip.rate_limit_ip"

# Security: strict unless DEBUG; each switch can be turned off behind a TLS proxy.
# Content Security Policy (Django's own): no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],  # allauth draws the TOTP QR code as a data: URI
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# HR, support staff and administrators must use two-factor authentication (production).
LEARNING_REQUIRE_MFA = env_bool("LEARNING_REQUIRE_MFA", not DEBUG)
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if LEARNING_BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Citizens' names and contacts are erased this many days after their class.
CLASSES_PERSONAL_DATA_DAYS = env_int("CLASSES_PERSONAL_DATA_DAYS", 90)
# Public sign-ups per IP address (django-ratelimit syntax), against scripted abuse.
CLASSES_SIGNUP_RATE = env_str("CLASSES_SIGNUP_RATE", "10/m")

# The city that runs the system (learning.city): name, prefecture, 全国地方公共団体コード
# (six digits, with the check digit; checked by `manage.py check`) and the public contact
# shown on the citizens' pages. 鹿嶋市 unless set.
CITY_NAME = env_str("CITY_NAME", "鹿嶋市")
CITY_PREFECTURE = env_str("CITY_PREFECTURE", "茨城県")
CITY_CODE = env_str("CITY_CODE", "082228")
CITY_OFFICE = env_str("CITY_OFFICE", "鹿嶋市役所")
CITY_PHONE = env_str("CITY_PHONE", "0299-82-2911")
CITY_ADDRESS = env_str("CITY_ADDRESS", "〒314-8655 茨城県鹿嶋市大字平井1187番地1")
CITY_HOURS = env_str("CITY_HOURS", "平日 8時30分から17時15分まで")
