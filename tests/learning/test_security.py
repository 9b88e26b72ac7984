import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_session_and_csrf_cookies_are_secure_and_http_only(client, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


@pytest.mark.parametrize("duties", [(Duty.HR,), (Duty.SUPPORT_STAFF,)])
def test_hr_and_support_staff_must_turn_on_mfa_before_anything_else(client, settings, duties):
    settings.LEARNING_REQUIRE_MFA = True
    user = UserFactory(duties=duties)
    StaffFactory(user=user)
    client.force_login(user)
    response = client.get(reverse("courses:catalogue"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    assert client.get(reverse("mfa_index")).status_code == 200
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get(reverse("courses:catalogue")).status_code == 200


def test_ordinary_staff_are_not_forced_to_use_mfa(client, settings):
    settings.LEARNING_REQUIRE_MFA = True
    user = UserFactory()
    StaffFactory(user=user)
    client.force_login(user)
    assert client.get(reverse("courses:catalogue")).status_code == 200


def test_the_admin_uses_the_same_login_and_refuses_non_admins(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    user = UserFactory()
    client.force_login(user)
    assert client.get("/admin/login/").status_code == 403
