"""Every view and change of a household is logged (who, when, what, from where); the log
is append-only and only administrators read it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from support.models import AuditAction, AuditEntry, Household
from tests.support.factories import DistrictFactory, HouseholdFactory

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_viewing_a_household_is_logged_with_user_and_ip(support_client):
    household = HouseholdFactory()
    support_client.get(reverse("support:household", args=[household.pk]), REMOTE_ADDR=IP)
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.VIEW
    assert entry.household == household
    assert entry.user == support_client.user and entry.user_email == support_client.user.email
    assert entry.ip_address == IP
    assert entry.path == f"/support/households/{household.pk}/"
    assert entry.at is not None


def test_the_list_logs_which_households_were_shown(support_client):
    shown = [HouseholdFactory(reference=f"R{n}") for n in range(3)]
    support_client.get(reverse("support:households") + "?q=R1", REMOTE_ADDR=IP)
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.LIST
    assert entry.households_shown == "R1"
    assert entry.path.endswith("?q=R1")
    assert shown


def test_an_export_is_logged_with_every_household_in_it(support_client):
    HouseholdFactory(reference="A1"), HouseholdFactory(reference="A2")
    response = support_client.get(reverse("support:households") + "?_export=csv")
    assert response["Content-Type"].startswith("text/csv")
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.EXPORT and set(entry.households_shown.split()) == {
        "A1",
        "A2",
    }


def test_creating_changing_and_closing_are_logged(support_client):
    district = DistrictFactory()
    response = support_client.post(
        reverse("support:household_create"),
        {
            "district": district.pk,
            "members": 3,
            "reasons": ["no_device", "cannot_afford"],
            "identified_on": "2025-05-01",
            "identified_how": "survey",
            "contact_name": "鹿嶋 花子",
        },
        REMOTE_ADDR=IP,
    )
    household = Household.objects.get()
    assert response.status_code == 302 and response["Location"] == household.get_absolute_url()
    assert household.reference.startswith("S2025-")
    assert household.reasons == ["no_device", "cannot_afford"]
    edit = reverse("support:household_edit", args=[household.pk])
    support_client.post(
        edit,
        {
            "reference": household.reference,
            "district": district.pk,
            "members": 4,
            "reasons": ["no_device"],
            "identified_on": "2025-05-01",
            "identified_how": "survey",
            "contact_name": "鹿嶋 花子",
        },
    )
    support_client.post(
        reverse("support:household_close", args=[household.pk]),
        {"closed_on": "2025-09-01", "reason": "moved_away"},
    )
    assert actions() == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.CLOSE]
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert update.detail == "members, reason_cannot_afford"
    assert {e.ip_address for e in AuditEntry.objects.filter(action=AuditAction.CREATE)} == {IP}


def test_a_refused_change_writes_nothing_and_logs_nothing(support_client):
    household = HouseholdFactory(identified_on=dt.date(2025, 5, 1))
    support_client.post(
        reverse("support:household_close", args=[household.pk]),
        {"closed_on": "2025-04-01", "reason": "moved_away"},
    )
    household.refresh_from_db()
    assert not household.is_closed
    assert not AuditEntry.objects.exists()


def test_the_log_cannot_be_changed_or_deleted():
    entry = AuditEntry.objects.create(action=AuditAction.VIEW, user_email="x@city.example.jp")
    entry.detail = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.update(detail="forged")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().detail == ""


def test_administrators_read_the_log_in_the_admin_but_cannot_edit_it(admin_client_):
    entry = AuditEntry.objects.create(action=AuditAction.VIEW, user_email="x@city.example.jp")
    listing = admin_client_.get(reverse("admin:support_auditentry_changelist"))
    assert listing.status_code == 200 and "x@city.example.jp" in listing.content.decode()
    assert admin_client_.get(reverse("admin:support_auditentry_add")).status_code == 403
    assert (
        admin_client_.get(reverse("admin:support_auditentry_delete", args=[entry.pk])).status_code
        == 403
    )
    admin_client_.post(
        reverse("admin:support_auditentry_change", args=[entry.pk]), {"detail": "forged"}
    )
    assert AuditEntry.objects.get().detail == ""


def test_households_are_not_in_the_admin_so_every_view_is_logged(admin_client_):
    from django.contrib import admin

    assert Household not in admin.site._registry


def test_an_export_keeps_formula_like_cells_as_text(support_client):
    HouseholdFactory(reference="F1", contact_name='=HYPERLINK("http://x")')
    text = support_client.get(reverse("support:households") + "?_export=csv").content.decode()
    assert "'=HYPERLINK" in text
    xlsx = support_client.get(reverse("support:households") + "?_export=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
