"""The yearly report's staff tables hide small groups: a one-person department would
show that person's result to every report reader."""

import datetime as dt

import pytest
import time_machine

from courses import progress
from learning.fiscal import TOKYO
from learning.models import Role
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 6, 1, 10, tzinfo=TOKYO), tick=False)
def test_a_one_person_department_is_hidden_and_so_is_the_next_smallest():
    alone, small, large = (DepartmentFactory(name=n) for n in ("秘書課", "企画課", "税務課"))
    StaffFactory(assignment__department=alone)
    for _ in range(6):
        StaffFactory(assignment__department=small, assignment__role=Role.LEADER)
    for _ in range(12):
        StaffFactory(assignment__department=large)
    by_role, by_department = progress.tables(2025)
    rows = {row[0]: row[1:] for row in by_department.rows}
    assert rows["秘書課"] == ["X", "X", "X", "X"]
    assert rows["企画課"] == ["X", "X", "X", "X"]
    assert rows["税務課"][0] == 12
    role_rows = {row[0]: row[1:] for row in by_role.rows}
    assert role_rows["一般職員"][0] == 13 and role_rows["リーダー的職員"][0] == 6
