from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from learning.mfa import (
    SecretNotReadable,
    decrypt_secret,
    reencrypt_authenticators,
    secrets_of,
)


class Command(BaseCommand):
    help = (
        "Re-encrypt every two-factor secret with the first key of DJANGO_MFA_KEYS (after "
        "putting a new key first); secrets stored before encryption are encrypted too."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                # Locked, so a recovery code used meanwhile cannot write back old ciphertext.
                written = reencrypt_authenticators(Authenticator.objects.select_for_update())
        except SecretNotReadable as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        # Proof that the old keys may now be dropped: every secret opens with the first alone.
        first_only = settings.LEARNING_MFA_KEYS[:1]
        for authenticator in Authenticator.objects.all():
            for secret in secrets_of(authenticator.type, authenticator.data):
                decrypt_secret(secret, keys=first_only)
        self.stdout.write(
            f"re-encrypted {written} authenticator(s) with the first key; "
            "the other keys may now be removed from DJANGO_MFA_KEYS"
        )
