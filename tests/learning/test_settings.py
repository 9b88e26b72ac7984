import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from learning.mfa import DEVELOPMENT_KEY

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_MFA_KEY = "cHJvZHVjdGlvbi1saWtlLW1mYS1rZXktZm9yLXRlc3Q="


def test_time_zone_and_languages():
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "en"]


def _run(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="learning.settings",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="learning.city.example.jp",
        DJANGO_MFA_KEYS=PRODUCTION_MFA_KEY,
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("keys", [None, DEVELOPMENT_KEY, "not-a-key"])
def test_the_deploy_check_refuses_production_without_its_own_mfa_key(keys):
    env = {"DJANGO_MFA_KEYS": keys} if keys else {}
    result = _run(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="learning.settings",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="learning.city.example.jp",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **env,
    )
    assert result.returncode != 0
    assert "learning.E00" in result.stdout + result.stderr


def test_the_deploy_check_warns_when_rate_limits_are_not_shared_between_workers():
    result = _run(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="learning.settings",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-with-enough-entropy-1234567890",
        DJANGO_ALLOWED_HOSTS="learning.city.example.jp",
    )
    assert "learning.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check", DJANGO_SETTINGS_MODULE="learning.settings", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_database_url_selects_postgresql():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from learning import settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cityx",
        },
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "cityx"]
