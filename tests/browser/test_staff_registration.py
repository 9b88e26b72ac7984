"""A staff member logs in through the real login form and registers for a session."""

import pytest

from courses.models import Registration, RegistrationStatus
from tests.courses.factories import SessionFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_and_registers_for_a_session(desktop_page, site_url):
    staff = StaffFactory(user=UserFactory(email="kashima.hanako@city.example.jp"))
    session = SessionFactory(course__title="情報セキュリティ基礎", capacity=20)
    page = desktop_page

    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("メールアドレス").fill("kashima.hanako@city.example.jp")
    page.get_by_label("パスワード").fill("correct-horse-battery")
    # The header's language switch is a submit button too: press the login form's own.
    page.locator("form.login-form").get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{site_url}/")
    assert page.get_by_role("button", name="ログアウト").is_visible()

    page.goto(f"{site_url}/courses/sessions/{session.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "情報セキュリティ基礎"
    page.get_by_role("button", name="申し込む", exact=True).click()

    # The message appears once the redirect back to the session page has loaded.
    assert page.get_by_role("status").inner_text() == (
        "申込みが完了しました。カレンダー用ファイル付きの確認メールを送ります。"
    )
    assert page.get_by_text("この研修に申し込んでいます。").is_visible()
    registration = Registration.objects.get(session=session, staff=staff)
    assert registration.status == RegistrationStatus.CONFIRMED
