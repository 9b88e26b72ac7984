import pytest
from django.urls import reverse

from courses.models import Exemption
from courses.services.exemptions import ExemptionError, exempt_staff, remove_exemption
from tests.courses.factories import ExemptionFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_exempting_a_person_twice_in_a_year_is_refused():
    staff = StaffFactory()
    exempt_staff(staff=staff, fiscal_year=2026, reason="育児休業")
    with pytest.raises(ExemptionError):
        exempt_staff(staff=staff, fiscal_year=2026, reason="休職")
    exempt_staff(staff=staff, fiscal_year=2027, reason="育児休業")
    assert Exemption.objects.filter(staff=staff).count() == 2


def test_an_exemption_needs_a_reason():
    with pytest.raises(ExemptionError):
        exempt_staff(staff=StaffFactory(), fiscal_year=2026, reason="  ")


def test_removing_an_exemption():
    exemption = ExemptionFactory()
    remove_exemption(exemption=exemption)
    assert not Exemption.objects.exists()


def test_hr_exempts_a_person_by_employee_id_and_removes_it(hr_client):
    staff = StaffFactory(employee_id="E900")
    url = reverse("courses:exemptions") + "?fy=2025"
    response = hr_client.post(url, {"employee_id": "E900", "reason": "休職"})
    assert response.status_code == 302
    exemption = Exemption.objects.get(staff=staff)
    assert exemption.fiscal_year == 2025
    assert "休職" in hr_client.get(url).content.decode()
    assert hr_client.post(url, {"employee_id": "E900", "reason": "休職"}).status_code == 400
    response = hr_client.post(reverse("courses:exemption_remove", args=[exemption.pk]))
    assert response.status_code == 302
    assert not Exemption.objects.exists()


def test_an_unknown_employee_id_is_a_form_error(hr_client):
    response = hr_client.post(reverse("courses:exemptions"), {"employee_id": "NOPE", "reason": "x"})
    assert response.status_code == 400
    assert "職員番号" in response.content.decode()


def test_staff_cannot_exempt_anyone(staff_client):
    exemption = ExemptionFactory()
    assert (
        staff_client.post(
            reverse("courses:exemptions"), {"employee_id": "E1", "reason": "x"}
        ).status_code
        == 403
    )
    assert (
        staff_client.post(reverse("courses:exemption_remove", args=[exemption.pk])).status_code
        == 403
    )
    assert Exemption.objects.exists()
