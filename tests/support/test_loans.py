"""Device loans: a loan is also a support record; one loan per device; overdue list."""

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse

from support.models import AccessVisit, Loan, SupportKind, SupportRecord
from support.services import SupportError
from support.services.audit import Actor
from support.services.loans import (
    lend_device,
    record_household_visit,
    record_visitor_count,
    return_device,
)
from tests.support.factories import AccessPlaceFactory, DeviceFactory, HouseholdFactory

ACTOR = Actor.command("tests")

pytestmark = pytest.mark.django_db


def test_a_loan_creates_its_support_record_in_the_same_transaction():
    household, device = HouseholdFactory(), DeviceFactory()
    loan = lend_device(
        actor=ACTOR,
        device=device,
        household=household,
        lent_on=dt.date(2025, 5, 1),
        due_on=dt.date(2025, 8, 1),
    )
    record = SupportRecord.objects.get()
    assert loan.support_record == record
    assert (record.household, record.date, record.kind) == (
        household,
        dt.date(2025, 5, 1),
        SupportKind.DEVICE_LOAN,
    )


def test_a_device_out_on_loan_cannot_be_lent_again_and_nothing_is_written():
    device = DeviceFactory()
    lend_device(
        actor=ACTOR,
        device=device,
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 5, 1),
        due_on=dt.date(2025, 8, 1),
    )
    with pytest.raises(SupportError):
        lend_device(
            actor=ACTOR,
            device=device,
            household=HouseholdFactory(),
            lent_on=dt.date(2025, 5, 2),
            due_on=dt.date(2025, 8, 1),
        )
    assert SupportRecord.objects.count() == 1 and Loan.objects.count() == 1


def test_the_database_refuses_two_open_loans_of_one_device():
    device = DeviceFactory()
    loan = lend_device(
        actor=ACTOR,
        device=device,
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 5, 1),
        due_on=dt.date(2025, 8, 1),
    )
    with pytest.raises(IntegrityError):
        Loan.objects.create(
            device=device,
            household=loan.household,
            support_record=SupportRecord.objects.create(
                household=loan.household, date=dt.date(2025, 5, 2), kind="device_loan"
            ),
            lent_on=dt.date(2025, 5, 2),
            due_on=dt.date(2025, 6, 1),
        )


def test_a_returned_device_can_be_lent_again():
    device = DeviceFactory()
    loan = lend_device(
        actor=ACTOR,
        device=device,
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 5, 1),
        due_on=dt.date(2025, 8, 1),
    )
    return_device(actor=ACTOR, loan=loan, returned_on=dt.date(2025, 7, 1))
    with pytest.raises(SupportError):
        return_device(actor=ACTOR, loan=loan, returned_on=dt.date(2025, 7, 2))
    lend_device(
        actor=ACTOR,
        device=device,
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 7, 2),
        due_on=dt.date(2025, 8, 1),
    )
    assert Loan.objects.filter(returned_on__isnull=True).count() == 1


def test_the_overdue_list_shows_only_open_loans_past_their_due_date(support_client):
    overdue = lend_device(
        actor=ACTOR,
        device=DeviceFactory(asset_tag="LATE-1"),
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 1, 1),
        due_on=dt.date(2025, 2, 1),
    )
    lend_device(
        actor=ACTOR,
        device=DeviceFactory(asset_tag="FINE-1"),
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 1, 1),
        due_on=dt.date(2999, 1, 1),
    )
    returned = lend_device(
        actor=ACTOR,
        device=DeviceFactory(asset_tag="BACK-1"),
        household=HouseholdFactory(),
        lent_on=dt.date(2025, 1, 1),
        due_on=dt.date(2025, 2, 1),
    )
    return_device(actor=ACTOR, loan=returned, returned_on=dt.date(2025, 1, 20))
    body = support_client.get(reverse("support:overdue")).content.decode()
    assert "LATE-1" in body and "FINE-1" not in body and "BACK-1" not in body
    assert overdue.household.reference in body


def test_lending_and_returning_through_the_pages(support_client):
    household, device = HouseholdFactory(), DeviceFactory()
    support_client.post(
        reverse("support:lend", args=[household.pk]),
        {"device": device.pk, "lent_on": "2025-05-01", "due_on": "2025-08-01"},
    )
    loan = Loan.objects.get()
    support_client.post(
        reverse("support:loan_return", args=[loan.pk]), {"returned_on": "2025-07-01"}
    )
    loan.refresh_from_db()
    assert loan.returned_on == dt.date(2025, 7, 1)
    assert loan.support_record.staff == support_client.user.staff


def test_a_due_date_before_the_loan_is_refused_without_a_500(support_client):
    household, device = HouseholdFactory(), DeviceFactory()
    response = support_client.post(
        reverse("support:lend", args=[household.pk]),
        {"device": device.pk, "lent_on": "2025-05-01", "due_on": "2025-04-01"},
    )
    assert response.status_code == 302 and not Loan.objects.exists()
    response = support_client.post(reverse("support:lend", args=[household.pk]), {"device": "abc"})
    assert response.status_code == 302 and not Loan.objects.exists()


def test_visits_are_counted_per_day_and_a_household_visit_is_support():
    place = AccessPlaceFactory()
    record_visitor_count(place=place, date=dt.date(2025, 6, 1), visitors=7)
    record_visitor_count(place=place, date=dt.date(2025, 6, 1), visitors=9)  # corrected, not added
    visit = record_household_visit(
        actor=ACTOR, place=place, date=dt.date(2025, 6, 1), household=HouseholdFactory()
    )
    assert AccessVisit.objects.filter(household__isnull=True).get().visitors == 9
    assert visit.support_record.kind == SupportKind.ACCESS_PLACE
    from support.selectors.households import visits_per_day

    assert list(visits_per_day(first=dt.date(2025, 4, 1), last=dt.date(2026, 3, 31))) == [
        {"date": dt.date(2025, 6, 1), "place__name": place.name, "visitors": 10}
    ]


def test_the_visits_page_saves_a_days_count(support_client):
    place = AccessPlaceFactory()
    response = support_client.post(
        reverse("support:visits"), {"place": place.pk, "date": "2025-06-01", "visitors": "12"}
    )
    assert response.status_code == 302
    assert AccessVisit.objects.get().visitors == 12
    assert support_client.post(reverse("support:visits"), {"visitors": "-3"}).status_code == 200
    assert support_client.get(reverse("support:visits") + "?fy=abc").status_code == 200
