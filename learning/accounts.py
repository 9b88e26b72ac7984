from urllib.parse import quote

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from learning.clientip import client_ip
from learning.links import absolute_url, current_site
from learning.mfa import decrypt_secret, encrypt_secret


class StaffAccountAdapter(DefaultAccountAdapter):
    """Accounts come from HR's roster import or the admin: nobody signs up."""

    def is_open_for_signup(self, request):
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth builds it from the request's Host header; the link must point at SITE_URL.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        super().send_mail(template_prefix, email, {"current_site": current_site(), **context})

    def format_email_subject(self, subject: str) -> str:
        prefix = app_settings.EMAIL_SUBJECT_PREFIX
        return (f"[{current_site().name}] " if prefix is None else prefix) + str(subject)

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
