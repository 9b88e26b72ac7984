import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Attendance
from courses.selectors.compliance import compliance_rows
from learning.fiscal import TOKYO
from learning.models import Role
from learning.permissions import Duty
from learning.progress import Line, compute_report
from tests.courses.factories import (
    HeldSessionFactory,
    RegistrationFactory,
    SecurityCourseFactory,
    session_at,
)
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def _frozen_now():
    """Every test of the module at NOW, fixtures included (a login made before travelling
    forward would have expired)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def year_2025():
    """Two general staff in FY2025: one attended a held security session, one did nothing."""
    keen, idle = (
        StaffFactory(assignment__role=Role.GENERAL),
        StaffFactory(assignment__role=Role.GENERAL),
    )
    security = HeldSessionFactory(
        course=SecurityCourseFactory(), starts_at=dt.datetime(2025, 7, 1, 10, tzinfo=TOKYO)
    )
    RegistrationFactory(staff=keen, session=security, attendance=Attendance.PRESENT)
    RegistrationFactory(staff=idle, session=session_at(2025, 8, 1), attendance=Attendance.ABSENT)
    return keen, idle


def viewer_client(client):
    user = UserFactory(duties=[Duty.REPORT_VIEWER])
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("actual", "target", "grade"),
    [(100, 100, "A"), (80, 80, "A"), (60, 100, "B"), (59.9, 100, "C"), (None, 1, "—")],
)
def test_grades_follow_the_printed_rule(actual, target, grade):
    assert Line("9", "k", "x", "%", target, actual).grade == grade


def test_measure_9_and_12_match_the_hr_compliance_figures(year_2025):
    report = compute_report(2025)
    year = compliance_rows(fy=2025)
    assert report.line("m9.share_met").actual == round(year.overall.percent, 1) == 50.0
    assert report.line("m12.sessions_held").actual == year.security_sessions_held == 1
    assert report.line("m12.sessions_held").grade == "A"
    assert report.line("m12.share_completed").actual == 50.0


def test_report_readers_see_the_page_and_others_do_not(client, staff_client, year_2025):
    assert staff_client.get(reverse("yearly_report")).status_code == 403
    staff_client.logout()
    response = viewer_client(client).get(reverse("yearly_report") + "?fy=2025")
    body = response.content.decode()
    assert response.status_code == 200
    assert "令和7年度 (2025年度)" in body and "達成率" in body and "評価" in body
    assert "100%以上" in body  # the grading rule is printed under the table


def test_the_pdf_embeds_a_japanese_font_and_every_chart(client, year_2025):
    response = viewer_client(client).get(reverse("yearly_report_pdf") + "?fy=2025")
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    fonts, images = set(), 0
    for page in pdf.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font["/BaseFont"]))
        images += len(page.images)
    assert any("IPAexGothic" in name for name in fonts)
    assert images >= 2
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "令和7年度" in text


def test_the_command_writes_the_pdf_charts_and_tables(tmp_path, year_2025, capsys):
    call_command("yearly_report", "--fy", "2025", "--out", str(tmp_path))
    names = {path.name for path in tmp_path.iterdir()}
    assert {
        "progress-report-2025.pdf",
        "chart-trend-2025.png",
        "chart-rates-2025.png",
        "lines-2025.csv",
    } <= names
    lines = (tmp_path / "lines-2025.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "fiscal_year,measure,key,item,unit,target,actual,rate_percent,grade,target_status"
    )
    assert "[4/4]" in capsys.readouterr().out


def test_hr_sees_who_cannot_reach_the_target_in_the_running_year(client):
    StaffFactory(assignment__role=Role.LEADER, name="遅れ 太郎")
    user = UserFactory(duties=[Duty.HR])
    client.force_login(user)
    body = client.get(reverse("yearly_report")).content.decode()
    assert "遅れ 太郎" in body


def test_measures_13_and_14_match_the_classes_status_and_coverage_pages(client):
    from classes.selectors import status_report
    from support.selectors.coverage import coverage_report
    from tests.classes.factories import CentreFactory, SmartphoneClassFactory
    from tests.support.factories import HouseholdFactory, SupportRecordFactory

    centre = CentreFactory(kind="district")
    SmartphoneClassFactory(
        centre=centre,
        starts_at=dt.datetime(2025, 6, 1, 10, tzinfo=TOKYO),
        ends_at=dt.datetime(2025, 6, 1, 12, tzinfo=TOKYO),
        status="held",
        attendance_recorded_at=dt.datetime(2025, 6, 1, 12, tzinfo=TOKYO),
    )
    for number in range(6):
        household = HouseholdFactory(identified_on=dt.date(2025, 5, 1))
        if number < 3:
            SupportRecordFactory(household=household, date=dt.date(2025, 7, 1))
    report = compute_report(2025)
    status = status_report(fiscal_year=2025)
    coverage = coverage_report(fy=2025)
    assert report.line("m13.classes_held").actual == status.held == 1
    assert report.line("m13.centres_met").target == status.centres_with_target
    assert report.line("m14.coverage").actual == float(coverage.total.coverage) == 50.0
    assert report.line("m14.coverage").target == 60.0
    assert report.line("m14.households_needing").actual == coverage.total.needing == 6
    # The figures the viewer reads on the coverage page are the same.
    client.force_login(UserFactory(duties=[Duty.REPORT_VIEWER]))
    page = client.get(reverse("support:coverage") + "?fy=2025").content.decode()
    assert "50.0" in page


def test_small_districts_are_suppressed_in_the_report_tables_as_in_open_data():
    from tests.support.factories import DistrictFactory, HouseholdFactory

    small = DistrictFactory(name="小さな地区")
    HouseholdFactory(district=small, identified_on=dt.date(2025, 5, 1))
    table = next(t for t in compute_report(2025).tables if t.key == "m14_by_district")
    assert ["小さな地区", "X", "X", "X", "X"] in table.rows
