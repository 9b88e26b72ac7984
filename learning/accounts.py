from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import PermissionDenied

from learning.clientip import client_ip
from learning.mfa import decrypt_secret, encrypt_secret


class StaffAccountAdapter(DefaultAccountAdapter):
    """Accounts come from HR's roster import or the admin: nobody signs up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # The login limits count per client, also behind the proxy (learning/clientip.py);
        # allauth's own ALLAUTH_TRUSTED_PROXY_COUNT would answer a 500 to a short header.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter with TOTP keys and recovery seeds encrypted (learning/mfa.py)."""

    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)
