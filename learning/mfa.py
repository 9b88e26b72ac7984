"""Two-factor secrets encrypted at rest.

django-allauth stores each TOTP key and recovery-code seed in ``Authenticator.data`` and
passes them through its MFA adapter's ``encrypt``/``decrypt``. Ours
(``learning.accounts.EncryptingMFAAdapter``) encrypts them here, with
Fernet (``cryptography``) under the keys in ``settings.LEARNING_MFA_KEYS`` (from
``DJANGO_MFA_KEYS``): the first key encrypts, every key decrypts, so a key is rotated by
putting the new one first, running ``manage.py rotate_mfa_keys`` and then dropping the old.

A stored secret reads ``fernet:<token>``; anything else is a secret from before
encryption, which only the migration and ``rotate_mfa_keys`` accept (and encrypt).
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"
# Development only (DJANGO_DEBUG=1 without DJANGO_MFA_KEYS); the deploy check refuses it.
DEVELOPMENT_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tZmEta2V5LTMyYnl0ZXM="
# The secrets allauth passes through encrypt(): a string field, or a list of strings.
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed", "migrated_codes")}


class SecretNotReadable(ImproperlyConfigured):
    """A stored secret that none of the configured keys opens."""


def key_problems(keys: list[str]) -> list[str]:
    """Why each of ``keys`` is not a Fernet key (32 url-safe base64 bytes); empty if all are."""
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            problems.append(f"key {position} is not a Fernet key (32 url-safe base64 bytes)")
    return problems


def _fernet(keys: list[str] | None = None) -> MultiFernet:
    keys = list(settings.LEARNING_MFA_KEYS if keys is None else keys)
    if not keys:
        raise ImproperlyConfigured(
            "DJANGO_MFA_KEYS must be set: two-factor secrets are stored encrypted."
        )
    problems = key_problems(keys)
    if problems:
        raise ImproperlyConfigured("DJANGO_MFA_KEYS: " + "; ".join(problems))
    return MultiFernet([Fernet(key) for key in keys])


def is_encrypted(value: str) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt_secret(text: str, *, keys: list[str] | None = None) -> str:
    return PREFIX + _fernet(keys).encrypt(text.encode()).decode("ascii")


def decrypt_secret(value: str, *, keys: list[str] | None = None) -> str:
    if not is_encrypted(value):
        raise SecretNotReadable(
            "A two-factor secret is stored unencrypted: run `manage.py rotate_mfa_keys`."
        )
    try:
        return _fernet(keys).decrypt(value[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken:
        raise SecretNotReadable(
            "No key in DJANGO_MFA_KEYS opens a stored two-factor secret: the key it was "
            "encrypted with is missing."
        ) from None


def secrets_of(kind: str, data: dict) -> list[str]:
    """Every secret stored in one authenticator's ``data``."""
    found = []
    for name in SECRET_FIELDS.get(kind, ()):
        value = data.get(name)
        found += [value] if isinstance(value, str) else list(value or ())
    return found


def reencrypted_data(kind: str, data: dict, *, keys: list[str] | None = None) -> dict:
    """A copy of ``data`` with every secret encrypted under the first key, whichever key
    opened it (plain secrets from before encryption are encrypted too)."""
    fernet = _fernet(keys)
    changed = dict(data)

    def again(value: str) -> str:
        if is_encrypted(value):
            token = value[len(PREFIX) :].encode("ascii")
            try:
                return PREFIX + fernet.rotate(token).decode("ascii")
            except InvalidToken:
                raise SecretNotReadable(
                    "No key in DJANGO_MFA_KEYS opens a stored two-factor secret."
                ) from None
        return PREFIX + fernet.encrypt(value.encode()).decode("ascii")

    for name in SECRET_FIELDS.get(kind, ()):
        value = data.get(name)
        if isinstance(value, str):
            changed[name] = again(value)
        elif isinstance(value, list):
            changed[name] = [again(item) for item in value]
    return changed


def reencrypt_authenticators(authenticators) -> int:
    """Encrypt every secret of ``authenticators`` (a queryset of allauth's model, or of the
    migration's historical one) under the first key; returns how many rows were written."""
    written = 0
    for authenticator in authenticators.filter(type__in=list(SECRET_FIELDS)).iterator():
        authenticator.data = reencrypted_data(authenticator.type, authenticator.data)
        authenticator.save(update_fields=["data"])
        written += 1
    return written
