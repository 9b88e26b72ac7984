import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from courses.models import Attendance
from courses.selectors.compliance import compliance_rows
from learning.fiscal import TOKYO
from learning.models import Role
from learning.permissions import Duty
from tests.courses.factories import (
    CompletionFactory,
    CourseFactory,
    ExemptionFactory,
    ExternalTrainingFactory,
    HeldSessionFactory,
    RegistrationFactory,
    SecurityCourseFactory,
)
from tests.factories import AssignmentFactory, DepartmentFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 11, 25, 12, 0, tzinfo=TOKYO)  # FY2026 is running; FY2025 is closed


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def attended(staff, year, month, day, *, course=None, attendance=Attendance.PRESENT):
    session = HeldSessionFactory(
        course=course or CourseFactory(),
        starts_at=dt.datetime(year, month, day, 10, tzinfo=TOKYO),
    )
    return RegistrationFactory(session=session, staff=staff, attendance=attendance)


@pytest.fixture
def hr_client(client):
    """HR without a staff record of their own, so the roster is exactly the fixture's."""
    client.force_login(UserFactory(duties=[Duty.HR]))
    return client


@pytest.fixture
def fy2025():
    """The hand-computed year behind EXPECTED_CSV (targets from the plan: leader 4,
    general 1, manager 2, security required)."""
    citizens, ict = DepartmentFactory(name="市民課"), DepartmentFactory(name="情報政策課")
    security = SecurityCourseFactory()

    # General in 市民課, then leader in 情報政策課 from 1 October: judged as a leader (target 4).
    aoki = StaffFactory(
        employee_id="E001",
        name="青木 一郎",
        assignment__role=Role.GENERAL,
        assignment__department=citizens,
    )
    AssignmentFactory(
        staff=aoki, role=Role.LEADER, department=ict, effective_from=dt.date(2025, 10, 1)
    )
    attended(aoki, 2026, 3, 31)  # last day of FY2025: counts
    attended(aoki, 2026, 4, 1)  # first day of FY2026: not in FY2025
    attended(aoki, 2025, 6, 10, course=security, attendance=Attendance.LATE)  # late counts
    attended(aoki, 2025, 7, 1, attendance=Attendance.EXCUSED)  # excused does not
    attended(
        aoki, 2025, 8, 1, course=CourseFactory(counts_toward_target=False)
    )  # course not counting
    CompletionFactory(staff=aoki, completed_on=dt.date(2025, 9, 1))  # counts
    ExternalTrainingFactory(staff=aoki, attended_on=dt.date(2025, 12, 1))  # pending: not yet

    # General: one approved external training, but no security training.
    ito = StaffFactory(
        employee_id="E002",
        name="伊藤 花子",
        assignment__role=Role.GENERAL,
        assignment__department=citizens,
    )
    ExternalTrainingFactory(staff=ito, attended_on=dt.date(2025, 12, 1), approved=True)
    attended(ito, 2025, 5, 1, attendance=Attendance.ABSENT)

    # Manager: a security session and an online completion: met.
    ueda = StaffFactory(
        employee_id="E003",
        name="上田 健",
        assignment__role=Role.MANAGER,
        assignment__department=citizens,
    )
    attended(ueda, 2025, 4, 1, course=security)
    CompletionFactory(staff=ueda, completed_on=dt.date(2026, 3, 31))

    # On childcare leave: exempt, so listed apart and not in the export.
    eto = StaffFactory(
        employee_id="E004",
        name="江藤 三郎",
        assignment__role=Role.GENERAL,
        assignment__department=ict,
    )
    ExemptionFactory(staff=eto, fiscal_year=2025, reason="育児休業")

    # Joined on 1 April 2026: not on the FY2025 roster.
    StaffFactory(employee_id="E005", assignment__effective_from=dt.date(2026, 4, 1))
    return {"aoki": aoki, "ito": ito, "ueda": ueda, "eto": eto}


EXPECTED_CSV = (
    "\ufeffemployee_id,name,department,role,participations,target,met,security_done\r\n"
    "E001,青木 一郎,情報政策課,leader,3,4,false,true\r\n"
    "E002,伊藤 花子,市民課,general,1,1,false,false\r\n"
    "E003,上田 健,市民課,manager,2,2,true,true\r\n"
).encode("utf-8")


def test_the_csv_export_matches_the_hand_computed_year(hr_client, fy2025):
    response = hr_client.get(reverse("courses:compliance"), {"fy": 2025, "_export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="training-targets-2025.csv"' in response["Content-Disposition"]
    assert response.content == EXPECTED_CSV


def test_the_export_has_every_filtered_row_not_just_the_first_page(hr_client, fy2025):
    response = hr_client.get(
        reverse("courses:compliance"),
        {
            "fy": 2025,
            "department": fy2025["ito"].assignments.get().department_id,
            "_export": "csv",
            "per_page": 1,
        },
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines] == ["employee_id", "E002", "E003"]


def test_the_xlsx_export_is_a_workbook(hr_client, fy2025):
    response = hr_client.get(reverse("courses:compliance"), {"fy": 2025, "_export": "xlsx"})
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_the_running_year_judges_people_by_their_role_today(fy2025):
    year = compliance_rows(fy=2026)
    aoki = next(row for row in year.rows if row.employee_id == "E001")
    assert (aoki.role, aoki.department, aoki.participations) == ("leader", "情報政策課", 1)
    assert "E005" in {row.employee_id for row in year.rows}


def test_exempt_people_are_listed_apart_and_not_counted_as_failing(fy2025):
    year = compliance_rows(fy=2025)
    assert [row.employee_id for row in year.exempt] == ["E004"]
    assert "E004" not in {row.employee_id for row in year.rows}
    general = next(share for share in year.by_role if share.label == str(Role.GENERAL.label))
    assert (general.total, general.met) == (1, 0)
    assert (year.overall.total, year.overall.met, year.overall.security) == (3, 1, 2)


def test_the_page_shows_rows_shares_rules_and_exempt_people(hr_client, fy2025):
    body = hr_client.get(reverse("courses:compliance"), {"fy": 2025}).content.decode()
    assert "令和7年度 (2025年度)" in body
    assert "青木 一郎" in body and "情報政策課" in body
    assert "江藤 三郎" in body and "育児休業" in body
    assert "遅刻" in body  # the counting rules are written on the page
    assert "プロジェクトの決定" in body


def test_security_sessions_held_are_counted_with_words_not_only_colour(hr_client, fy2025):
    year = compliance_rows(fy=2025)
    assert year.security_sessions_held == 2
    assert year.security_session_held
    body = hr_client.get(reverse("courses:compliance"), {"fy": 2026}).content.decode()
    assert "未達成" in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "manager"}, ["E003"]),
        ({"met": "yes"}, ["E003"]),
        ({"met": "no"}, ["E001", "E002"]),
        ({"security_done": "no"}, ["E002"]),
        ({"role": "nonsense", "met": "perhaps", "department": "abc"}, ["E001", "E002", "E003"]),
    ],
)
def test_filters_narrow_the_rows_and_bad_values_are_ignored(hr_client, fy2025, params, expected):
    response = hr_client.get(
        reverse("courses:compliance"), {"fy": 2025, **params, "_export": "csv"}
    )
    assert response.status_code == 200
    rows = response.content.decode("utf-8-sig").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == expected


def test_sorting_by_participations_descending(hr_client, fy2025):
    response = hr_client.get(
        reverse("courses:compliance"), {"fy": 2025, "sort": "-participations", "_export": "csv"}
    )
    rows = response.content.decode("utf-8-sig").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == ["E001", "E003", "E002"]


@pytest.mark.parametrize(
    "query",
    [
        {"fy": "abc"},
        {"fy": "1900"},
        {"page": "x"},
        {"page": "999"},
        {"sort": "nope"},
        {"_export": "xls"},
        {"_export": "yaml"},
        {"_export": "csv", "page": "999"},
    ],
)
def test_bad_input_never_fails(hr_client, fy2025, query):
    assert hr_client.get(reverse("courses:compliance"), query).status_code == 200


def test_the_page_runs_a_fixed_number_of_queries(hr_client, fy2025, django_assert_num_queries):
    url = reverse("courses:compliance")
    hr_client.get(url, {"fy": 2025})  # warm the session
    with django_assert_num_queries(QUERIES):
        hr_client.get(url, {"fy": 2025})
    for number in range(30):
        staff = StaffFactory()
        attended(staff, 2025, 6, 1 + number % 28)
        CompletionFactory(staff=staff, completed_on=dt.date(2025, 7, 1))
        ExemptionFactory(staff=staff, fiscal_year=2025) if number % 10 == 0 else None
    with django_assert_num_queries(QUERIES):
        hr_client.get(url, {"fy": 2025})
    with django_assert_num_queries(QUERIES_EXPORT):
        hr_client.get(url, {"fy": 2025, "_export": "csv"})


# session, user, groups (duty check), staff with assignments, 3 grouped participation queries,
# exemptions, targets, security sessions held, departments (filter form), the header's
# staff name, the two-factor prompt (HR must use MFA);
# the export skips the summary, the filter form and the page chrome.
QUERIES = 13
QUERIES_EXPORT = 9


def test_the_chart_is_served_as_png_and_svg(hr_client, fy2025):
    png = hr_client.get(reverse("courses:compliance_chart", args=["png"]))
    svg = hr_client.get(reverse("courses:compliance_chart", args=["svg"]))
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.status_code == 200 and b"<svg" in svg.content
    assert hr_client.get(reverse("courses:compliance_chart", args=["gif"])).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["courses:compliance", "courses:targets", "courses:exemptions", "courses:external_review"],
)
def test_hr_pages_are_for_hr_and_administrators(name):
    url = reverse(name)
    staff, hr, admin = Client(), Client(), Client()
    staff.force_login(StaffFactory().user)
    hr.force_login(UserFactory(duties=[Duty.HR]))
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert staff.get(url).status_code == 403
    assert hr.get(url).status_code == 200
    assert admin.get(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["courses:compliance", "courses:targets", "courses:exemptions", "courses:external_review"],
)
def test_anonymous_users_go_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_the_chart_is_for_hr_only(staff_client):
    assert staff_client.get(reverse("courses:compliance_chart", args=["png"])).status_code == 403


def test_the_grouped_counts_agree_with_each_persons_records(fy2025):
    from courses.selectors import participations
    from learning.models import Staff

    counts, done = participations.figures(fy=2025)
    for staff in Staff.objects.all():
        records = participations.records(fy=2025, staff_id=staff.pk)
        assert counts.get(staff.pk, 0) == sum(record.counts for record in records)
        assert (staff.pk in done) == any(record.security for record in records)


def test_a_year_without_targets_says_so_and_nobody_meets_them(hr_client, fy2025):
    from courses.models import Target

    Target.objects.filter(fiscal_year=2026).delete()
    response = hr_client.get(reverse("courses:compliance"), {"fy": 2026})
    assert response.status_code == 200
    assert "目標が未設定です" in response.content.decode()
    assert not any(row.met for row in compliance_rows(fy=2026).rows)


def test_removing_an_exemption_from_the_page_returns_there_but_never_off_site(hr_client, fy2025):
    exemption = fy2025["eto"].exemptions.get()
    url = reverse("courses:exemption_remove", args=[exemption.pk])
    response = hr_client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("courses:exemptions") + "?fy=2025"
    assert not fy2025["eto"].exemptions.exists()


def test_the_chart_works_with_no_staff_at_all(hr_client):
    response = hr_client.get(reverse("courses:compliance_chart", args=["svg"]))
    assert response.status_code == 200 and b"<svg" in response.content
