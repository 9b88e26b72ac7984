import pytest
from django.core.management import call_command
from django.urls import reverse

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_a_visitor_where_to_log_in(client):
    body = client.get(reverse("home")).content.decode()
    assert "ログイン" in body
    assert 'class="skip-link" href="#main"' in body


@pytest.mark.parametrize(
    ("duties", "expected", "absent"),
    [
        ((), "研修の一覧", "名簿の取込"),
        ((Duty.HR,), "名簿の取込", "公民館"),
        ((Duty.SUPPORT_STAFF,), "世帯", "名簿の取込"),
    ],
)
def test_the_home_page_shows_each_role_where_to_go(client, duties, expected, absent):
    user = UserFactory(duties=duties)
    StaffFactory(user=user)
    client.force_login(user)
    body = client.get(reverse("home")).content.decode()
    assert expected in body
    assert absent not in body


def test_the_admin_is_in_japanese(admin_client_):
    body = admin_client_.get(reverse("admin:index")).content.decode()
    assert "職員" in body and "サイト管理" in body


def test_pages_are_japanese_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("account_login"), headers={"accept-language": "en-US,en"})
    assert '<html lang="ja">' in response.content.decode()


def test_english_is_available_through_the_language_switch(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/accounts/login/"}, follow=True
    )
    assert '<html lang="en">' in response.content.decode()


def test_seed_demo_can_run_twice_and_prints_the_demo_accounts(capsys):
    call_command("seed_demo")
    first = capsys.readouterr().out
    from learning.models import Staff

    count = Staff.objects.count()
    call_command("seed_demo")
    assert Staff.objects.count() == count
    for email in (
        "admin@city.example.jp",
        "hr@city.example.jp",
        "support@city.example.jp",
        "centre@city.example.jp",
    ):
        assert email in first
    assert "demo-pass-2026" in first


def test_duty_groups_exist_after_migration():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {d.value for d in Duty}
