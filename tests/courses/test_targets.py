import pytest
from django.urls import reverse

from courses.models import Target
from courses.services.targets import TargetError, copy_targets, set_target
from learning.models import Role
from tests.courses.factories import TargetFactory

pytestmark = pytest.mark.django_db


def test_the_plan_targets_are_there_from_the_migration():
    fy2026 = {t.role: t.participations_required for t in Target.objects.filter(fiscal_year=2026)}
    assert fy2026 == {"manager": 2, "leader": 4, "general": 1, "ict": 4}


def test_copying_a_year_creates_every_role_for_the_new_year():
    TargetFactory(
        fiscal_year=2026, role=Role.GENERAL, participations_required=2, security_required=False
    )
    copies = copy_targets(from_year=2026, to_year=2027)
    assert len(copies) == 4
    general = Target.objects.get(fiscal_year=2027, role=Role.GENERAL)
    assert (general.participations_required, general.security_required) == (2, False)


def test_copying_onto_a_year_with_targets_is_refused_and_changes_nothing():
    TargetFactory(fiscal_year=2027, role=Role.LEADER, participations_required=9)
    with pytest.raises(TargetError, match="既に目標"):
        copy_targets(from_year=2026, to_year=2027)
    assert list(
        Target.objects.filter(fiscal_year=2027).values_list("participations_required", flat=True)
    ) == [9]


def test_copying_from_an_empty_year_is_refused():
    with pytest.raises(TargetError):
        copy_targets(from_year=2040, to_year=2041)


def test_setting_a_target_creates_or_changes_it():
    set_target(
        fiscal_year=2026, role=Role.LEADER, participations_required=5, security_required=True
    )
    set_target(fiscal_year=2030, role=Role.ICT, participations_required=3, security_required=False)
    assert Target.objects.get(fiscal_year=2026, role=Role.LEADER).participations_required == 5
    assert Target.objects.get(fiscal_year=2030, role=Role.ICT).security_required is False


def test_hr_copies_a_year_in_one_action(hr_client):
    response = hr_client.post(
        reverse("courses:targets"), {"copy": "1", "from_year": 2026, "to_year": 2027}
    )
    assert response.status_code == 302
    assert Target.objects.filter(fiscal_year=2027).count() == 4
    again = hr_client.post(
        reverse("courses:targets"), {"copy": "1", "from_year": 2026, "to_year": 2027}
    )
    assert again.status_code == 400
    assert "既に目標" in again.content.decode()


def test_hr_edits_a_target(hr_client):
    page = hr_client.get(reverse("courses:target_edit", args=[2026, "leader"]))
    assert page.status_code == 200
    response = hr_client.post(
        reverse("courses:targets"),
        {
            "fiscal_year": 2026,
            "role": "leader",
            "participations_required": 6,
            "security_required": "on",
        },
    )
    assert response.status_code == 302
    assert Target.objects.get(fiscal_year=2026, role="leader").participations_required == 6


@pytest.mark.parametrize(
    "data",
    [
        {"fiscal_year": "abc", "role": "leader", "participations_required": 1},
        {"fiscal_year": 2026, "role": "boss", "participations_required": 1},
        {"fiscal_year": 2026, "role": "leader", "participations_required": -1},
        {"copy": "1", "from_year": "x", "to_year": 2027},
    ],
)
def test_bad_target_forms_are_errors_not_crashes(hr_client, data):
    assert hr_client.post(reverse("courses:targets"), data).status_code == 400


def test_an_unknown_target_is_404(hr_client):
    assert hr_client.get(reverse("courses:target_edit", args=[1999, "leader"])).status_code == 404


def test_the_targets_page_lists_years(hr_client):
    body = hr_client.get(reverse("courses:targets")).content.decode()
    assert "令和8年度 (2026年度)" in body
