import datetime as dt

import pytest

from learning.directory.selectors import assignment_on, staff_on
from learning.directory.services import record_assignment
from learning.models import Role
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def transferred():
    """A general staff member in 市民課 who became a leader in 情報政策課 on 1 April 2026."""
    citizens, ict = DepartmentFactory(name="市民課"), DepartmentFactory(name="情報政策課")
    staff = StaffFactory(
        assignment__role=Role.GENERAL,
        assignment__department=citizens,
        assignment__effective_from=dt.date(2024, 4, 1),
    )
    record_assignment(
        staff=staff, role=Role.LEADER, department=ict, effective_from=dt.date(2026, 4, 1)
    )
    return staff


def test_role_and_department_on_a_date_follow_the_history(transferred):
    before = assignment_on(staff=transferred, on=dt.date(2026, 3, 31))
    after = assignment_on(staff=transferred, on=dt.date(2026, 4, 1))
    assert (before.role, before.department.name) == (Role.GENERAL, "市民課")
    assert (after.role, after.department.name) == (Role.LEADER, "情報政策課")
    assert assignment_on(staff=transferred, on=dt.date(2024, 3, 31)) is None


def test_a_past_year_lists_people_under_the_department_they_had_then(
    transferred, django_assert_num_queries
):
    with django_assert_num_queries(1):
        fy2025 = {s.pk: (s.role_on, s.department_on) for s in staff_on(on=dt.date(2026, 3, 31))}
    with django_assert_num_queries(1):
        fy2026 = {s.pk: (s.role_on, s.department_on) for s in staff_on(on=dt.date(2027, 3, 31))}
    assert fy2025[transferred.pk] == ("general", "市民課")
    assert fy2026[transferred.pk] == ("leader", "情報政策課")


def test_recording_the_same_assignment_again_changes_nothing(transferred):
    ict = transferred.assignments.first().department
    assert (
        record_assignment(
            staff=transferred, role=Role.LEADER, department=ict, effective_from=dt.date(2026, 6, 1)
        )
        is False
    )
    assert transferred.assignments.count() == 2


def test_a_correction_on_the_same_day_replaces_that_days_entry(transferred):
    ict = transferred.assignments.first().department
    assert record_assignment(
        staff=transferred, role=Role.ICT, department=ict, effective_from=dt.date(2026, 4, 1)
    )
    assert transferred.assignments.count() == 2
    assert assignment_on(staff=transferred, on=dt.date(2026, 4, 2)).role == Role.ICT


def test_the_staff_list_stays_one_query_as_the_directory_grows(django_assert_num_queries):
    StaffFactory.create_batch(3)
    with django_assert_num_queries(1):
        small = list(staff_on(on=dt.date(2026, 4, 1)))
    StaffFactory.create_batch(30)
    with django_assert_num_queries(1):
        large = [(s.user.email, s.department_on) for s in staff_on(on=dt.date(2026, 4, 1))]
    assert len(small) == 3 and len(large) == 33


def test_role_labels_are_the_plans_japanese_titles():
    from django.utils import translation

    with translation.override("ja"):
        assert [str(label) for _value, label in Role.choices] == [
            "監督職員 (管理職)",
            "リーダー的職員",
            "一般職員",
            "ICT担当部門職員",
        ]
