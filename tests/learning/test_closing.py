"""Closing a fiscal year: its report is the snapshot, and nothing dated in it changes —
not through the services, nor behind them (bulk writes, queryset updates, raw SQL, the
admin). The database refuses those on SQLite and PostgreSQL alike."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from courses.models import Attendance, Completion, Registration, Session, Target
from courses.services.registration import record_attendance
from courses.services.targets import TargetError, copy_targets, set_target
from learning.closing import (
    ClosingError,
    FiscalYearClosed,
    close_fiscal_year,
    dated_models,
    guarded_tables,
    guards_suspended,
    refusal,
    reopen_fiscal_year,
)
from learning.fiscal import TOKYO
from learning.models import FiscalYearClosing
from learning.progress import report_for
from tests.courses.factories import (
    CompletionFactory,
    RegistrationFactory,
    SessionFactory,
    session_at,
)
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def closed_2025(clock, admin_user):
    """FY2025 with an attended session, a completion and its targets (seeded from the
    plan), then closed."""
    staff = StaffFactory()
    session = session_at(2025, 6, 1)
    registration = RegistrationFactory(staff=staff, session=session, attendance=Attendance.PRESENT)
    completion = CompletionFactory(staff=staff, completed_on=dt.date(2026, 3, 31))
    close_fiscal_year(fy=2025, by=admin_user)
    return {
        "staff": staff,
        "session": session,
        "registration": registration,
        "completion": completion,
    }


def refused_by_the_database(action) -> FiscalYearClosed:
    """Run ``action`` in a savepoint; it must fail with the closed-year trigger."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        action()
    refused = refusal(error.value)
    assert refused is not None, error.value
    return refused


def test_every_dated_table_carries_the_guard():
    tables = {model._meta.db_table for model in dated_models()}
    assert len(tables) >= 12
    assert guarded_tables() >= tables


def test_a_closed_year_reads_its_snapshot_and_says_when_it_was_closed(closed_2025):
    closed = report_for(2025)
    assert closed.closed_at is not None
    before = closed.line("m9.share_met")
    # Even a repair made with the guard suspended (an administrator's SQL fix) leaves the
    # closed report as the meeting saw it.
    with guards_suspended():
        Registration.objects.update(attendance=Attendance.ABSENT)
    assert report_for(2025).line("m9.share_met") == before


def test_the_services_refuse_changes_dated_in_a_closed_year_with_the_year_named(closed_2025):
    with pytest.raises(FiscalYearClosed) as refused:
        record_attendance(
            session=closed_2025["session"],
            marks={closed_2025["registration"].pk: Attendance.ABSENT},
        )
    assert "令和7年度" in str(refused.value) and "締め済み" in str(refused.value)
    with pytest.raises(FiscalYearClosed):
        set_target(
            fiscal_year=2025, role="leader", participations_required=4, security_required=True
        )
    closed_2025["registration"].refresh_from_db()
    assert closed_2025["registration"].attendance == Attendance.PRESENT


def test_copying_targets_into_a_closed_year_is_refused_with_a_message(closed_2025):
    """It once wrote 4 targets into a closed year (a bulk_create past the signal guard)."""
    with guards_suspended():
        Target.objects.filter(fiscal_year=2025).delete()
    with pytest.raises(FiscalYearClosed):
        copy_targets(from_year=2024, to_year=2025)
    assert not Target.objects.filter(fiscal_year=2025).exists()
    copy_targets(from_year=2024, to_year=2027)  # an open year takes them
    with pytest.raises(TargetError):
        copy_targets(from_year=2024, to_year=2027)


@pytest.mark.parametrize(
    "write",
    [
        "save",
        "delete",
        "queryset update",
        "queryset delete",
        "bulk create",
        "raw SQL",
        "moving it out of the year",
    ],
)
def test_the_database_refuses_every_write_path_behind_the_services(closed_2025, write):
    registration, session = closed_2025["registration"], closed_2025["session"]

    def attempt():
        if write == "save":
            registration.attendance = Attendance.ABSENT
            registration.save()
        elif write == "delete":
            closed_2025["completion"].delete()
        elif write == "queryset update":
            Registration.objects.filter(pk=registration.pk).update(attendance=Attendance.LATE)
        elif write == "queryset delete":
            Completion.objects.all().delete()
        elif write == "bulk create":
            Target.objects.bulk_create(
                [Target(fiscal_year=2025, role="ict", participations_required=4)]
            )
        elif write == "raw SQL":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {Registration._meta.db_table} SET attendance = 'absent' WHERE id = %s",
                    [registration.pk],
                )
        elif write == "moving it out of the year":
            Session.objects.filter(pk=session.pk).update(
                starts_at=dt.datetime(2026, 6, 1, 10, tzinfo=TOKYO),
                ends_at=dt.datetime(2026, 6, 1, 12, tzinfo=TOKYO),
            )

    refused = refused_by_the_database(attempt)
    if connection.vendor == "postgresql":
        assert refused.fiscal_year == 2025  # PostgreSQL names the year; SQLite cannot
    registration.refresh_from_db()
    assert registration.attendance == Attendance.PRESENT
    assert Completion.objects.count() == 1


def test_the_boundary_is_tokyo_time_31_march_to_1_april(clock, admin_user):
    """A session at 23:30 on 31 March (14:30 UTC) is in the closed year; one at 00:30 on
    1 April (15:30 UTC on 31 March, the same UTC day) is not."""

    def at(day, hour, minute):
        start = dt.datetime(2026, 3 if day == 31 else 4, day, hour, minute, tzinfo=TOKYO)
        return SessionFactory(starts_at=start, ends_at=start + dt.timedelta(minutes=20))

    last_evening, first_morning = at(31, 23, 30), at(1, 0, 30)
    close_fiscal_year(fy=2025, by=admin_user)
    refused_by_the_database(lambda: Session.objects.filter(pk=last_evening.pk).update(place="B"))
    Session.objects.filter(pk=first_morning.pk).update(place="会議室B")  # FY2026: open


def test_other_years_are_not_touched_by_the_guard(closed_2025):
    staff = closed_2025["staff"]
    later = RegistrationFactory(staff=staff, session=session_at(2026, 6, 1))
    Registration.objects.filter(pk=later.pk).update(attendance=Attendance.PRESENT)
    CompletionFactory(staff=staff, completed_on=dt.date(2026, 4, 1))
    Target.objects.bulk_create([Target(fiscal_year=2027, role="ict", participations_required=4)])


def test_reopening_needs_a_reason_which_is_kept(closed_2025, admin_user):
    with pytest.raises(ClosingError):
        reopen_fiscal_year(fy=2025, by=admin_user, reason=" ")
    reopen_fiscal_year(fy=2025, by=admin_user, reason="出欠の入力漏れを修正するため")
    closing = FiscalYearClosing.objects.get()
    assert (
        closing.reopen_reason == "出欠の入力漏れを修正するため"
        and closing.reopened_by == admin_user
    )
    CompletionFactory(completed_on=dt.date(2025, 12, 1))  # allowed again
    close_fiscal_year(fy=2025, by=admin_user)
    assert FiscalYearClosing.objects.count() == 2


def test_the_running_year_cannot_be_closed(clock, admin_user):
    with pytest.raises(ClosingError):
        close_fiscal_year(fy=2026, by=admin_user)


def test_a_refused_change_in_a_page_is_shown_at_the_form(client, closed_2025, admin_user):
    session, registration = closed_2025["session"], closed_2025["registration"]
    client.force_login(admin_user)
    url = reverse("courses:organise_session", args=[session.pk])
    response = client.post(url, {f"r{registration.pk}": "absent"})
    assert response.status_code == 400  # the form again, with the refusal at its top
    assert "締め済み" in response.text
    registration.refresh_from_db()
    assert registration.attendance == Attendance.PRESENT


def test_the_admin_gets_the_same_message_when_the_database_refuses(client, closed_2025, admin_user):
    target = Target.objects.get(fiscal_year=2025, role="general")
    client.force_login(admin_user)
    url = reverse("admin:courses_target_change", args=[target.pk])
    response = client.post(
        url,
        {
            "fiscal_year": 2025,
            "role": "general",
            "participations_required": 3,
            "security_required": "on",
        },
        headers={"referer": "http://testserver" + url},
        follow=True,
    )
    assert response.status_code == 200
    assert "締め済み" in response.text, response.context.get("errors")
    target.refresh_from_db()
    assert target.participations_required != 3


def test_imports_refuse_rows_dated_in_a_closed_year_with_their_line(closed_2025, tmp_path, capsys):
    from tests.courses.factories import OnlineCourseFactory

    StaffFactory(employee_id="A001")
    OnlineCourseFactory(code="ELN-01")
    path = tmp_path / "c.csv"
    path.write_text(
        "employee_id,course_code,completed_on\nA001,ELN-01,2026-04-02\nA001,ELN-01,2026-03-30\n"
    )
    with pytest.raises(SystemExit):
        call_command("import_completions", str(path))
    assert "line 3: 令和7年度 (FY2025) is closed" in capsys.readouterr().err


def test_the_support_import_refuses_rows_of_a_closed_year(closed_2025):
    from learning.csvimport import ImportFailed
    from support.services.audit import Actor
    from support.services.imports import import_support
    from tests.support.factories import HouseholdFactory

    HouseholdFactory(reference="S2025-00001", identified_on=dt.date(2025, 5, 1))
    data = b"reference,date,kind\nS2025-00001,2026-03-30,connection\n"
    with pytest.raises(ImportFailed) as failure:
        import_support(data=data, actor=Actor.command("tests"))
    assert any(error.startswith("line 2") or "2行目" in error for error in failure.value.errors)


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_a_closed_year_restores_as_it_was(tmp_path):
    with time_machine.travel(NOW, tick=False):
        admin = UserFactory(is_superuser=True, is_staff=True)
        RegistrationFactory(session=session_at(2025, 6, 1), attendance=Attendance.PRESENT)
        close_fiscal_year(fy=2025, by=admin)
        backup = tmp_path / "backup.json"
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--exclude",
            "contenttypes",
            "--exclude",
            "auth.permission",
            "--exclude",
            "sessions",
            "--output",
            str(backup),
        )
        call_command("flush", "--noinput")
        assert not Registration.objects.exists()
        call_command("loaddata", str(backup), stdout=io.StringIO())
        assert Registration.objects.count() == 1 and FiscalYearClosing.objects.count() == 1
        # ... and the guard is back once the restore is over.
        refused_by_the_database(lambda: Registration.objects.update(attendance=Attendance.ABSENT))
        assert guarded_tables() >= {model._meta.db_table for model in dated_models()}
