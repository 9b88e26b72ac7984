import pytest
from django.core import mail
from django.urls import NoReverseMatch, reverse

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_japanese(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="ja">' in body
    assert "ログイン" in body
    assert "メールアドレス" in body


def test_staff_log_in_with_their_email_address(client):
    UserFactory(email="yamada@city.example.jp")
    response = client.post(
        reverse("account_login"),
        {"login": "yamada@city.example.jp", "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" in client.session


def test_a_wrong_password_is_refused_in_japanese(client):
    UserFactory(email="yamada@city.example.jp")
    response = client.post(
        reverse("account_login"), {"login": "yamada@city.example.jp", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "正しくありません" in response.content.decode()


def test_there_is_no_public_sign_up(client):
    try:
        url = reverse("account_signup")
    except NoReverseMatch:
        return
    response = client.get(url)
    assert "現在" in response.content.decode() or response.status_code in (403, 404)
    assert (
        client.post(
            url,
            {"email": "x@example.com", "password1": "Abcdefgh12!x", "password2": "Abcdefgh12!x"},
        ).status_code
        != 302
    )


def test_an_imported_account_sets_its_password_through_reset_by_email(client):
    staff = StaffFactory(user__email="new@city.example.jp")
    staff.user.set_unusable_password()
    staff.user.save()
    response = client.post(reverse("account_reset_password"), {"email": "new@city.example.jp"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@city.example.jp"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_repeated_failed_logins_are_rate_limited(client, settings):
    UserFactory(email="target@city.example.jp")
    statuses = [
        client.post(
            reverse("account_login"), {"login": "target@city.example.jp", "password": "wrong"}
        ).status_code
        for _ in range(8)
    ]
    last = client.post(
        reverse("account_login"),
        {"login": "target@city.example.jp", "password": "correct-horse-battery"},
    )
    assert "_auth_user_id" not in client.session  # even the right password waits out the limit
    assert statuses[0] == 200
    assert last.status_code in (200, 429)


def test_staff_can_turn_on_two_factor_authentication(client):
    UserFactory(email="careful@city.example.jp")
    client.post(
        reverse("account_login"),
        {"login": "careful@city.example.jp", "password": "correct-horse-battery"},
    )
    # Turning MFA on asks for the password again first.
    assert "/accounts/reauthenticate/" in client.get(reverse("mfa_activate_totp"))["Location"]
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "認証アプリ" in response.content.decode()
