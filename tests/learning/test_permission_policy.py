"""The permission policy is one place: views, the menu, the home page, templates and the
two-factor rule all follow ``learning.permissions``."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from learning import permissions
from learning.permissions import Duty, Permission, granted, may, mfa_required
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(client, *duties, superuser=False):
    user = UserFactory(duties=duties, is_superuser=superuser, is_staff=superuser)
    StaffFactory(user=user)
    client.force_login(user)
    return user


def test_administrators_hold_every_permission_and_visitors_none():
    admin = UserFactory(is_superuser=True)
    assert granted(admin) == frozenset(Permission)
    from django.contrib.auth.models import AnonymousUser

    assert granted(AnonymousUser()) == frozenset()


def test_every_logged_in_user_may_train_and_duties_add_the_rest():
    staff = UserFactory()
    assert granted(staff) == {Permission.TRAIN}
    hr = UserFactory(duties=[Duty.HR])
    assert {Permission.MANAGE_TRAINING, Permission.READ_REPORTS} <= granted(hr)
    assert not may(hr, Permission.SUPPORT_HOUSEHOLDS)
    assert not may(hr, "no-such-permission")


def test_the_duties_are_read_once_per_request_however_many_checks(django_assert_num_queries):
    user = UserFactory(duties=[Duty.CENTRE_STAFF])
    with django_assert_num_queries(1):
        for permission in Permission:
            may(user, permission)


@pytest.mark.parametrize(
    ("duties", "superuser", "required"),
    [
        ((Duty.HR,), False, True),
        ((Duty.SUPPORT_STAFF,), False, True),
        ((), True, True),
        ((Duty.REPORT_VIEWER,), False, False),
        ((Duty.CENTRE_STAFF, Duty.COURSE_ORGANISER), False, False),
        ((), False, False),
    ],
)
def test_two_factor_is_required_of_whoever_reaches_personal_data(duties, superuser, required):
    user = UserFactory(duties=duties, is_superuser=superuser)
    assert mfa_required(user) is required


def test_a_script_name_header_does_not_skip_the_two_factor_rule(client, settings):
    """Finding 1: the exemption was decided on request.path, which includes SCRIPT_NAME
    (gunicorn lets a trusted peer set it), so /accounts + any page passed."""
    settings.LEARNING_REQUIRE_MFA = True
    logged_in(client, Duty.HR)
    for path in (reverse("courses:compliance"), reverse("support:households")):
        response = client.get(path, SCRIPT_NAME="/accounts")
        assert response.status_code == 302, path
        assert response["Location"].endswith(reverse("mfa_index"))


def test_the_account_pages_stay_reachable_until_two_factor_is_on(client, settings):
    settings.LEARNING_REQUIRE_MFA = True
    user = logged_in(client, Duty.SUPPORT_STAFF)
    assert client.get(reverse("mfa_index")).status_code == 200
    home = client.get(reverse("home"))
    assert home.status_code == 302
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get(reverse("home")).status_code == 200


def test_the_two_factor_prompt_shows_on_every_page_of_those_who_need_it(client):
    user = logged_in(client, Duty.SUPPORT_STAFF)
    for name in ("home", "courses:catalogue", "support:households"):
        assert "mfa-prompt" in client.get(reverse(name)).text, name
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert "mfa-prompt" not in client.get(reverse("home")).text


def test_the_menu_and_home_page_offer_exactly_what_the_policy_grants(client):
    logged_in(client, Duty.REPORT_VIEWER)
    page = client.get(reverse("home")).text
    for name in ("yearly_report", "classes:status", "support:coverage"):
        assert f'href="{reverse(name)}"' in page, name
    for name in ("support:households", "courses:compliance", "classes:manage"):
        assert f'href="{reverse(name)}"' not in page, name


def test_changing_who_reads_reports_is_one_line(client, monkeypatch):
    """REPORT_READERS decides who reads every aggregated report: the yearly report, the
    classes held and the coverage report follow it, and so do the menu and home page."""
    logged_in(client, Duty.COURSE_ORGANISER)
    reports = ("yearly_report", "classes:status", "support:coverage")
    for name in reports:
        assert client.get(reverse(name)).status_code == 403, name

    monkeypatch.setattr(
        permissions, "REPORT_READERS", permissions.REPORT_READERS | {Duty.COURSE_ORGANISER}
    )
    for name in reports:
        assert client.get(reverse(name)).status_code == 200, name
    home = client.get(reverse("home")).text
    assert all(f'href="{reverse(name)}"' in home for name in reports)


def test_someone_elses_registration_is_not_found_rather_than_forbidden(client):
    from tests.courses.factories import RegistrationFactory

    registration = RegistrationFactory()
    logged_in(client)
    response = client.post(reverse("courses:cancel_registration", args=[registration.pk]))
    assert response.status_code == 404
