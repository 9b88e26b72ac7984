from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from learning.mfa import decrypt_secret, encrypt_secret


class StaffAccountAdapter(DefaultAccountAdapter):
    """Accounts come from HR's roster import or the admin: nobody signs up."""

    def is_open_for_signup(self, request):
        return False


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter with TOTP keys and recovery seeds encrypted (learning/mfa.py)."""

    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)
