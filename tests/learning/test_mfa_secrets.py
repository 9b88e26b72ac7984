"""Two-factor secrets are encrypted at rest, rotate with a new key, never show in the admin
and never reach a backup in the clear."""

import importlib
import io
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from learning.mfa import PREFIX, SecretNotReadable, decrypt_secret
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def keys(settings):
    settings.LEARNING_MFA_KEYS = [OLD_KEY]
    return settings


def test_a_totp_secret_is_stored_encrypted_and_still_checks_codes(keys):
    secret = generate_totp_secret()
    totp = TOTP.activate(UserFactory(), secret)
    stored = Authenticator.objects.get(pk=totp.instance.pk).data["secret"]
    assert secret not in stored and stored.startswith(PREFIX)
    assert decrypt_secret(stored) == secret
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(current_code(secret))


def test_a_recovery_seed_is_stored_encrypted_and_its_codes_still_work(keys):
    codes = RecoveryCodes.activate(UserFactory())
    seed = decrypt_secret(codes.instance.data["seed"])
    assert seed not in str(Authenticator.objects.get(pk=codes.instance.pk).data)
    unused = codes.get_unused_codes()
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(unused[0])


def test_a_new_key_first_still_reads_secrets_encrypted_with_the_old_one(keys):
    secret = generate_totp_secret()
    totp = TOTP.activate(UserFactory(), secret)
    keys.LEARNING_MFA_KEYS = [NEW_KEY, OLD_KEY]
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(current_code(secret))


def test_rotating_re_encrypts_every_secret_so_the_old_key_can_go(keys):
    secret = generate_totp_secret()
    user = UserFactory()
    totp = TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user)
    before = codes.get_unused_codes()
    keys.LEARNING_MFA_KEYS = [NEW_KEY, OLD_KEY]
    out = io.StringIO()
    call_command("rotate_mfa_keys", stdout=out)
    assert "re-encrypted 2" in out.getvalue()
    keys.LEARNING_MFA_KEYS = [NEW_KEY]
    assert TOTP(Authenticator.objects.get(pk=totp.instance.pk)).validate_code(current_code(secret))
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).get_unused_codes() == (
        before
    )


def test_a_secret_without_its_key_is_refused_with_a_clear_error(keys):
    totp = TOTP.activate(UserFactory(), generate_totp_secret())
    keys.LEARNING_MFA_KEYS = [NEW_KEY]
    with pytest.raises(SecretNotReadable, match="DJANGO_MFA_KEYS"):
        decrypt_secret(Authenticator.objects.get(pk=totp.instance.pk).data["secret"])


def test_the_migration_encrypts_secrets_stored_in_the_clear(keys):
    user = UserFactory()
    plain_totp = Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    plain_codes = Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "ab" * 40, "used_mask": 1, "migrated_codes": ["12345678"]},
    )
    migration = importlib.import_module("learning.migrations.0006_encrypt_mfa_secrets")
    migration.encrypt_plain_secrets(apps, None)
    migration.encrypt_plain_secrets(apps, None)  # twice: nothing is encrypted twice
    totp_data = Authenticator.objects.get(pk=plain_totp.pk).data
    codes_data = Authenticator.objects.get(pk=plain_codes.pk).data
    assert decrypt_secret(totp_data["secret"]) == "JBSWY3DPEHPK3PXP"
    assert decrypt_secret(codes_data["seed"]) == "ab" * 40
    assert [decrypt_secret(c) for c in codes_data["migrated_codes"]] == ["12345678"]
    assert codes_data["used_mask"] == 1


def test_the_admin_shows_who_has_two_factor_but_never_the_secret(admin_client_, keys):
    secret = generate_totp_secret()
    totp = TOTP.activate(UserFactory(email="careful@city.example.jp"), secret)
    stored = totp.instance.data["secret"]
    url = reverse("admin:mfa_authenticator_change", args=[totp.instance.pk])
    page = admin_client_.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "careful@city.example.jp" in body
    assert secret not in body and stored[len(PREFIX) :][:20] not in body
    assert 'name="data"' not in body
    admin_client_.post(url, {"data": '{"secret": "AAAA"}'})
    assert Authenticator.objects.get(pk=totp.instance.pk).data["secret"] == stored
    assert "careful@city.example.jp" in admin_client_.get(
        reverse("admin:mfa_authenticator_changelist")
    ).content.decode("utf-8")


def test_a_backup_holds_the_secrets_only_encrypted(keys):
    secret = generate_totp_secret()
    TOTP.activate(UserFactory(), secret)
    out = io.StringIO()
    call_command("dumpdata", "mfa", stdout=out)
    assert "fernet:" in out.getvalue() and secret not in out.getvalue()
