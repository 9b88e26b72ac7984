"""The household list and pages: fixed queries, filters, support records, closing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from support.models import Household, SupportKind, SupportRecord
from support.services.audit import Actor
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

ACTOR = Actor.command("tests")

pytestmark = pytest.mark.django_db


def make_households(count):
    districts = [DistrictFactory(name=f"地区{n}") for n in range(3)]
    for number in range(count):
        household = HouseholdFactory(district=districts[number % 3])
        SupportRecordFactory(household=household)


@pytest.mark.parametrize("count", [2, 30])
def test_the_household_list_runs_a_fixed_number_of_queries(
    support_client, django_assert_num_queries, count
):
    make_households(count)
    url = reverse("support:households")
    support_client.get(url)  # warm the session
    # session, user, groups, row count, MFA check, staff name in the header, district
    # choices, the page's rows (with support counts), the audit entry
    with django_assert_num_queries(9):
        response = support_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('href="/support/households/') >= count


def test_the_list_filters_by_district_status_reason_and_search(support_client):
    a, b = DistrictFactory(name="鹿島"), DistrictFactory(name="高松")
    HouseholdFactory(reference="K1", district=a, contact_name="山田")
    HouseholdFactory(reference="K2", district=b, reason_no_device=False, reason_cannot_afford=True)
    HouseholdFactory(
        reference="K3",
        district=a,
        status="closed",
        closed_on=dt.date(2024, 1, 1),
        closed_reason="other",
    )
    url = reverse("support:households")

    def shown(query):
        body = support_client.get(url + query).content.decode()
        return {ref for ref in ("K1", "K2", "K3") if f">{ref}<" in body}

    assert shown(f"?district={a.pk}") == {"K1", "K3"}
    assert shown("?status=closed") == {"K3"}
    assert shown("?reason=cannot_afford") == {"K2"}
    assert shown("?q=山田") == {"K1"}
    assert shown("?district=not-a-number&status=nonsense&reason=x") == set()


def test_bad_query_parameters_never_cause_a_500(support_client):
    HouseholdFactory()
    url = reverse("support:households")
    for query in ["?page=999", "?page=abc", "?sort=nonsense", "?_export=pdf", "?district=%00"]:
        assert support_client.get(url + query).status_code in (200, 404), query


def test_a_reference_number_is_kept_unique_with_a_readable_error(support_client):
    HouseholdFactory(reference="DUP-1")
    response = support_client.post(
        reverse("support:household_create"),
        {
            "reference": "DUP-1",
            "district": DistrictFactory().pk,
            "members": 1,
            "identified_on": "2025-05-01",
            "identified_how": "other",
        },
    )
    assert response.status_code == 200
    assert Household.objects.count() == 1
    assert "field-errors" in response.content.decode()


def test_bad_input_in_the_household_form_is_shown_not_a_500(support_client):
    response = support_client.post(
        reverse("support:household_create"),
        {"district": "x", "members": "99", "identified_on": "2099-01-01", "reasons": ["nonsense"]},
    )
    assert response.status_code == 200 and not Household.objects.exists()


def test_support_recorded_on_the_page_names_the_staff_member(support_client):
    household = HouseholdFactory()
    response = support_client.post(
        reverse("support:support_add", args=[household.pk]),
        {"date": "2025-06-01", "kind": SupportKind.PROCEDURE, "note": "マイナポータル"},
    )
    assert response.status_code == 302
    record = SupportRecord.objects.get()
    assert record.staff == support_client.user.staff and record.created_by == support_client.user
    assert record.kind == SupportKind.PROCEDURE


def test_support_cannot_be_dated_in_the_future(support_client):
    household = HouseholdFactory()
    support_client.post(
        reverse("support:support_add", args=[household.pk]), {"date": "2999-01-01", "kind": "other"}
    )
    assert not SupportRecord.objects.exists()


def test_closing_keeps_the_history_and_past_years_still_count_the_household(support_client):
    from support.selectors.coverage import coverage_report

    household = HouseholdFactory(identified_on=dt.date(2023, 5, 1))
    SupportRecordFactory(household=household, date=dt.date(2023, 6, 1))
    support_client.post(
        reverse("support:household_close", args=[household.pk]),
        {"closed_on": "2024-05-01", "reason": "no_longer_needed"},
    )
    household.refresh_from_db()
    assert household.is_closed and household.closed_on == dt.date(2024, 5, 1)
    assert household.support_records.count() == 1
    assert coverage_report(fy=2024).total.covered == 1  # closed during FY2024: still counted
    assert coverage_report(fy=2025).total.needing == 0
    support_client.post(reverse("support:household_reopen", args=[household.pk]))
    household.refresh_from_db()
    assert not household.is_closed and household.closed_on is None


def test_the_household_page_shows_its_history(support_client):
    household = HouseholdFactory()
    SupportRecordFactory(household=household, note="ルーター設定")
    body = support_client.get(reverse("support:household", args=[household.pk])).content.decode()
    assert "ルーター設定" in body and household.reference in body


@pytest.mark.parametrize("pk", ["99999999999999999999999", "0"])
def test_out_of_range_ids_are_404(support_client, pk):
    assert support_client.get(f"/support/households/{pk}/").status_code == 404
    assert support_client.get(f"/support/households/{pk}/edit/").status_code == 404
    assert support_client.post(f"/support/loans/{pk}/return/").status_code == 404


def test_a_class_referral_links_the_smartphone_class(support_client):
    from tests.classes.factories import SmartphoneClassFactory

    smartphone_class = SmartphoneClassFactory()
    household = HouseholdFactory()
    url = reverse("support:support_add", args=[household.pk])
    today = timezone.localdate().isoformat()
    support_client.post(
        url, {"date": today, "kind": "connection", "smartphone_class": smartphone_class.pk}
    )
    assert not SupportRecord.objects.exists()  # a class only goes with a referral
    support_client.post(
        url, {"date": today, "kind": "class_referral", "smartphone_class": smartphone_class.pk}
    )
    assert SupportRecord.objects.get().smartphone_class == smartphone_class
    body = support_client.get(reverse("support:household", args=[household.pk])).content.decode()
    assert smartphone_class.title in body


@pytest.mark.parametrize("records", [1, 15])
def test_the_household_page_runs_a_fixed_number_of_queries(
    support_client, django_assert_num_queries, records
):
    from support.services.loans import lend_device
    from tests.support.factories import DeviceFactory

    household = HouseholdFactory()
    for number in range(records):
        SupportRecordFactory(
            household=household, date=dt.date(2024, 5, 1) + dt.timedelta(days=number)
        )
        lend_device(
            actor=ACTOR,
            device=DeviceFactory(),
            household=household,
            lent_on=dt.date(2024, 5, 1),
            due_on=dt.date(2024, 8, 1),
        )
    url = reverse("support:household", args=[household.pk])
    support_client.get(url)
    with django_assert_num_queries(12):  # the same at both sizes: no query per record
        assert support_client.get(url).status_code == 200


@pytest.mark.parametrize("loans", [1, 12])
def test_the_loans_page_runs_a_fixed_number_of_queries(
    support_client, django_assert_num_queries, loans
):
    from support.services.loans import lend_device
    from tests.support.factories import DeviceFactory

    for _number in range(loans):
        lend_device(
            actor=ACTOR,
            device=DeviceFactory(),
            household=HouseholdFactory(),
            lent_on=dt.date(2024, 5, 1),
            due_on=dt.date(2024, 8, 1),
        )
    support_client.get(reverse("support:loans"))
    with django_assert_num_queries(8):  # the same at both sizes: no query per loan
        assert support_client.get(reverse("support:loans")).status_code == 200
