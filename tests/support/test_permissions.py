"""Only support staff see or change households; report viewers see aggregates only."""

import pytest
from django.urls import reverse

from support.models import Household, SupportRecord
from tests.support.factories import DeviceFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


def household_pages(household, loan_pk=1):
    """(method, url) of every page that shows or changes household records."""
    pk = household.pk
    return [
        ("get", reverse("support:households")),
        ("get", reverse("support:households") + "?_export=csv"),
        ("get", reverse("support:households") + "?_export=xlsx"),
        ("get", reverse("support:household_create")),
        ("post", reverse("support:household_create")),
        ("get", reverse("support:household", args=[pk])),
        ("get", reverse("support:household_edit", args=[pk])),
        ("post", reverse("support:household_edit", args=[pk])),
        ("post", reverse("support:household_close", args=[pk])),
        ("post", reverse("support:household_reopen", args=[pk])),
        ("post", reverse("support:support_add", args=[pk])),
        ("post", reverse("support:lend", args=[pk])),
        ("post", reverse("support:household_visit", args=[pk])),
        ("get", reverse("support:loans")),
        ("get", reverse("support:overdue")),
        ("post", reverse("support:loan_return", args=[loan_pk])),
        ("get", reverse("support:visits")),
        ("post", reverse("support:visits")),
        ("get", reverse("support:import")),
        ("post", reverse("support:import")),
    ]


def test_staff_outside_the_support_group_get_403_on_every_household_page_and_export(
    other_staff_client, household
):
    for method, url in household_pages(household):
        response = getattr(other_staff_client, method)(url)
        assert response.status_code == 403, (method, url, response.status_code)
    assert Household.objects.count() == 1 and not SupportRecord.objects.exists()


def test_report_viewers_see_the_coverage_report_but_not_households(viewer_client, household):
    assert viewer_client.get(reverse("support:coverage")).status_code == 200
    assert viewer_client.get(reverse("support:coverage") + "?_export=csv").status_code == 200
    for method, url in household_pages(household):
        assert getattr(viewer_client, method)(url).status_code == 403, (method, url)


def test_hr_reads_the_coverage_report_as_every_report_reader_does(other_staff_client, household):
    assert other_staff_client.get(reverse("support:coverage")).status_code == 200
    chart = reverse("support:coverage_chart", args=["history", "png"])
    assert other_staff_client.get(chart).status_code == 200


def test_staff_who_neither_support_households_nor_read_reports_cannot_see_coverage(
    centre_staff_client,
):
    assert centre_staff_client.get(reverse("support:coverage")).status_code == 403
    chart = reverse("support:coverage_chart", args=["history", "png"])
    assert centre_staff_client.get(chart).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, household):
    for method, url in [
        *household_pages(household),
        ("get", reverse("support:coverage")),
        ("get", reverse("support:coverage_chart", args=["history", "png"])),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert "/accounts/login/" in response["Location"]


def test_support_staff_see_every_household_page(support_client, household):
    SupportRecordFactory(household=household)
    DeviceFactory()
    for url in [
        reverse("support:households"),
        reverse("support:households") + "?_export=csv",
        reverse("support:household_create"),
        reverse("support:household", args=[household.pk]),
        reverse("support:household_edit", args=[household.pk]),
        reverse("support:loans"),
        reverse("support:overdue"),
        reverse("support:visits"),
        reverse("support:import"),
        reverse("support:coverage"),
    ]:
        assert support_client.get(url).status_code == 200, url


def test_administrators_pass_too(admin_client_, household):
    assert admin_client_.get(reverse("support:household", args=[household.pk])).status_code == 200


def test_support_staff_without_mfa_are_asked_to_turn_it_on(support_client, household):
    body = support_client.get(reverse("support:households")).content.decode()
    assert reverse("mfa_index") in body and "二要素認証" in body


def test_support_staff_with_totp_are_not_asked_again(support_client):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=support_client.user, type=Authenticator.Type.TOTP, data={})
    body = support_client.get(reverse("support:households")).content.decode()
    assert "mfa-prompt" not in body


def test_unknown_household_is_404_not_500(support_client):
    assert support_client.get(reverse("support:household", args=[999999])).status_code == 404
    assert support_client.post(reverse("support:loan_return", args=[999999])).status_code == 404
