import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from courses.models import Attendance, Registration
from learning.closing import ClosingError, FiscalYearClosed, close_fiscal_year, reopen_fiscal_year
from learning.fiscal import TOKYO
from learning.models import FiscalYearClosing
from learning.progress import report_for
from tests.courses.factories import CompletionFactory, RegistrationFactory, session_at
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True)


@time_machine.travel(NOW, tick=False)
def test_a_closed_year_reads_its_snapshot_and_says_when_it_was_closed(admin_user):
    staff = StaffFactory()
    RegistrationFactory(staff=staff, session=session_at(2025, 6, 1), attendance=Attendance.PRESENT)
    close_fiscal_year(fy=2025, by=admin_user)
    closed = report_for(2025)
    assert closed.closed_at is not None
    before = closed.line("m9.share_met")
    # A change behind the guard's back (e.g. a raw SQL fix) does not alter the closed report.
    Registration.objects.update(attendance=Attendance.ABSENT)
    assert report_for(2025).line("m9.share_met") == before


@time_machine.travel(NOW, tick=False)
def test_changes_dated_in_a_closed_year_are_refused_but_other_years_are_not(admin_user):
    staff = StaffFactory()
    registration = RegistrationFactory(staff=staff, session=session_at(2025, 6, 1))
    close_fiscal_year(fy=2025, by=admin_user)
    registration.attendance = Attendance.PRESENT
    with pytest.raises(FiscalYearClosed) as refused:
        registration.save()
    assert "令和7年度" in refused.value.messages[0] and "締め済み" in refused.value.messages[0]
    with pytest.raises(FiscalYearClosed):
        CompletionFactory(staff=staff, completed_on=dt.date(2026, 3, 31))
    CompletionFactory(staff=staff, completed_on=dt.date(2026, 4, 1))  # FY2026 is open


@time_machine.travel(NOW, tick=False)
def test_reopening_needs_a_reason_which_is_kept(admin_user):
    close_fiscal_year(fy=2025, by=admin_user)
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


@time_machine.travel(NOW, tick=False)
def test_the_running_year_cannot_be_closed(admin_user):
    with pytest.raises(ClosingError):
        close_fiscal_year(fy=2026, by=admin_user)


@time_machine.travel(NOW, tick=False)
def test_a_refused_change_in_a_page_is_a_message_not_a_server_error(client, admin_user):
    staff = StaffFactory()
    session = session_at(2025, 6, 1)
    registration = RegistrationFactory(staff=staff, session=session)
    close_fiscal_year(fy=2025, by=admin_user)
    client.force_login(admin_user)
    url = reverse("courses:organise_session", args=[session.pk])
    response = client.post(
        url, {f"r{registration.pk}": "present"}, headers={"referer": "http://testserver" + url}
    )
    assert response.status_code == 302
    page = client.get(url)
    assert "締め済み" in page.content.decode()


@time_machine.travel(NOW, tick=False)
def test_imports_refuse_rows_dated_in_a_closed_year_with_their_line(admin_user, tmp_path, capsys):
    from django.core.management import call_command

    from tests.courses.factories import OnlineCourseFactory

    StaffFactory(employee_id="A001")
    OnlineCourseFactory(code="ELN-01")
    close_fiscal_year(fy=2025, by=admin_user)
    path = tmp_path / "c.csv"
    path.write_text(
        "employee_id,course_code,completed_on\nA001,ELN-01,2026-04-02\nA001,ELN-01,2026-03-30\n"
    )
    with pytest.raises(SystemExit):
        call_command("import_completions", str(path))
    assert "line 3: 令和7年度 (FY2025) is closed" in capsys.readouterr().err
