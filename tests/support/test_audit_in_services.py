"""Every change of household records is audited by the service that makes it, whoever
calls it: a page, a command, a job or the shell."""

import datetime as dt

import pytest

from support.models import AuditAction, AuditEntry
from support.services.audit import Actor
from support.services.households import (
    close_household,
    create_household,
    record_support,
    reopen_household,
    update_household,
)
from tests.support.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def test_a_change_made_from_the_shell_is_audited_with_its_origin():
    shell = Actor.command("shell")
    household = create_household(
        actor=shell, district=DistrictFactory(), identified_on=dt.date(2026, 5, 1)
    )
    update_household(actor=shell, household=household, members=3)
    record_support(actor=shell, household=household, date=dt.date(2026, 5, 2), kind="connection")
    close_household(
        actor=shell, household=household, closed_on=dt.date(2026, 6, 1), reason="moved_away"
    )
    reopen_household(actor=shell, household=household)
    entries = list(AuditEntry.objects.filter(household=household).order_by("pk"))
    assert [entry.action for entry in entries] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.ADD_SUPPORT,
        AuditAction.CLOSE,
        AuditAction.REOPEN,
    ]
    assert {entry.path for entry in entries} == {"shell"}
    assert entries[1].detail == "members"


def test_a_change_that_changes_nothing_writes_no_entry():
    shell = Actor.command("shell")
    household = create_household(
        actor=shell, district=DistrictFactory(), identified_on=dt.date(2026, 5, 1), members=2
    )
    assert update_household(actor=shell, household=household, members=2) == []
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE).count() == 0


def test_a_refused_change_leaves_no_entry_behind():
    from learning.errors import Refused

    shell = Actor.command("shell")
    household = create_household(
        actor=shell, district=DistrictFactory(), identified_on=dt.date(2026, 5, 1)
    )
    close_household(
        actor=shell, household=household, closed_on=dt.date(2026, 6, 1), reason="moved_away"
    )
    with pytest.raises(Refused):
        record_support(
            actor=shell, household=household, date=dt.date(2026, 7, 1), kind="connection"
        )
    assert not AuditEntry.objects.filter(action=AuditAction.ADD_SUPPORT).exists()


def test_support_counts_once_given_so_a_day_in_the_future_is_refused():
    import time_machine

    from learning.errors import Refused
    from learning.fiscal import TOKYO
    from support.selectors.coverage import coverage_report

    shell = Actor.command("shell")
    with time_machine.travel(dt.datetime(2026, 7, 1, 9, tzinfo=TOKYO), tick=False):
        household = create_household(
            actor=shell, district=DistrictFactory(), identified_on=dt.date(2026, 5, 1)
        )
        with pytest.raises(Refused):
            record_support(
                actor=shell, household=household, date=dt.date(2026, 7, 2), kind="connection"
            )
        record_support(
            actor=shell, household=household, date=dt.date(2026, 7, 1), kind="connection"
        )
        assert coverage_report(fy=2026).total.covered == 1
