"""1 April 2027: the plan's targets ended with FY2026 and nobody has set FY2027's yet. Every
page, export, report and reminder works, says 「目標が未設定です」 with the way to set them,
and nobody is shown failing a target that does not exist."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from classes.models import ClassTarget
from courses.models import Target
from courses.selectors.compliance import compliance_rows
from courses.services.reminders import send_reminders
from learning.fiscal import TOKYO
from learning.models import Role
from learning.permissions import Duty
from learning.progress import compute_report
from support.models import CoverageTarget
from tests.classes.factories import CentreFactory, SmartphoneClassFactory, in_days
from tests.courses.factories import CompletionFactory, SessionFactory
from tests.factories import StaffFactory, UserFactory
from tests.support.factories import HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db

APRIL_FIRST = dt.datetime(2027, 4, 1, 9, 0, tzinfo=TOKYO)
NOT_SET = "目標が未設定です"
FAILING = ("✗", "badge--bad", "回不足")  # a cross, a red badge, "N more needed"


@pytest.fixture(autouse=True)
def _first_of_april():
    with time_machine.travel(APRIL_FIRST, tick=False):
        yield


@pytest.fixture
def city():
    """The first morning of FY2027: staff of every role (one already did an online course),
    centres with classes coming, households needing support, one supported today."""
    people = [
        StaffFactory(assignment__role=role, user__email=f"{role}@city.example.jp")
        for role in Role.values
    ]
    CompletionFactory(staff=people[0], completed_on=dt.date(2027, 4, 1))
    SessionFactory()  # next week: something to register for
    for kind in ("central", "district"):
        SmartphoneClassFactory(centre=CentreFactory(kind=kind), starts_at=in_days(14))
    households = [HouseholdFactory(identified_on=dt.date(2026, 6, 1)) for _number in range(6)]
    SupportRecordFactory(household=households[0], date=dt.date(2026, 7, 1))
    SupportRecordFactory(household=households[1], date=dt.date(2027, 4, 1))
    for model in (Target, ClassTarget, CoverageTarget):
        assert not model.objects.filter(fiscal_year=2027).exists()
        assert model.objects.filter(fiscal_year=2026).exists()
    return people


def logged_in(client, *duties, **user):
    person = UserFactory(duties=duties, **user)
    client.force_login(person)
    return client


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def assert_nobody_failing(text: str) -> None:
    for word in FAILING:
        assert word not in text, word


def test_the_compliance_page_says_so_and_judges_nobody(client, city):
    hr = logged_in(client, Duty.HR)
    page = body(hr.get(reverse("courses:compliance")))
    assert NOT_SET in page and reverse("courses:targets") in page
    assert "目標を達成" not in page  # no "0 of 4 met the target (0.0%)"
    assert_nobody_failing(page)
    exported = hr.get(reverse("courses:compliance"), {"_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == len(city) and {row["met"] for row in rows} == {""}
    assert {row["target"] for row in rows} == {""}
    assert len(hr.get(reverse("courses:compliance"), {"met": "no"}).context["table"].rows) == 0
    assert hr.get(reverse("courses:compliance_chart", args=["png"])).status_code == 200


def test_my_training_says_so_and_counts_what_was_done(client, city):
    client.force_login(city[0].user)
    page = body(client.get(reverse("courses:my_training")))
    assert NOT_SET in page and "今年度の参加はこれまでに1回です。" in page
    assert reverse("courses:targets") not in page  # staff cannot set targets: no link
    assert_nobody_failing(page)


def test_the_coverage_report_says_so_in_the_page_the_print_and_the_csv(client, city):
    viewer = logged_in(client, Duty.SUPPORT_STAFF)
    page = body(viewer.get(reverse("support:coverage")))
    assert NOT_SET in page and "admin" not in page
    assert_nobody_failing(page)
    assert NOT_SET in body(viewer.get(reverse("support:coverage"), {"layout": "print"}))
    exported = viewer.get(reverse("support:coverage"), {"_export": "csv"}).content.decode(
        "utf-8-sig"
    )
    whole_city = next(csv.reader(io.StringIO(exported.splitlines()[1])))
    assert whole_city[-1] == ""  # target (%): blank, not 0
    for name in ("history", "districts", "kinds"):
        chart = viewer.get(reverse("support:coverage_chart", args=[name, "png"]))
        assert chart.status_code == 200


def test_administrators_get_the_admin_page_that_sets_the_target(admin_client_, city):
    coverage = body(admin_client_.get(reverse("support:coverage")))
    assert reverse("admin:support_coveragetarget_changelist") in coverage
    status = body(admin_client_.get(reverse("classes:status")))
    assert reverse("admin:classes_classtarget_changelist") in status


def test_the_classes_status_page_says_so_and_shows_no_target_of_0(client, city):
    viewer = logged_in(client, Duty.REPORT_VIEWER)
    page = body(viewer.get(reverse("classes:status")))
    assert NOT_SET in page
    assert "あと" not in page  # no "N to go" for a target that does not exist
    exported = viewer.get(reverse("classes:status_csv")).content.decode("utf-8-sig")
    targets = [row[3] for row in csv.reader(io.StringIO(exported))][1:]
    assert targets and set(targets) == {""}
    assert viewer.get(reverse("classes:status_chart", args=["png"])).status_code == 200


def test_the_yearly_report_shows_not_set_without_rate_or_grade(client, city):
    hr = logged_in(client, Duty.HR)
    report = compute_report(2027)
    for key in ("m9.share_met", "m12.sessions_held", "m13.classes_held", "m14.coverage"):
        line = report.line(key)
        assert line.target_missing and line.target is None, key
        assert (line.rate, line.grade) == (None, "—"), key
    assert report.line("m9.share_met").actual is None  # a share meeting no target: none
    assert report.line("m14.households_needing").actual == 6  # the facts are still there

    page = body(hr.get(reverse("yearly_report")))
    assert NOT_SET in page and "未設定" in page
    assert reverse("courses:targets") in page
    assert 'grade--A"' not in page and 'grade--B"' not in page and 'grade--C"' not in page
    assert "対応が必要なものはありません" not in page  # the forecast does not say "all fine"

    lines = hr.get(reverse("yearly_report_csv", args=["lines"])).content.decode("utf-8-sig")
    by_key = {row["key"]: row for row in csv.DictReader(io.StringIO(lines))}
    assert by_key["m9.share_met"]["target"] == "" and by_key["m9.share_met"]["rate_percent"] == ""
    assert by_key["m9.share_met"]["target_status"] == "not_set"
    assert by_key["m9.participations_per_person"]["target_status"] == "none"
    by_role = hr.get(reverse("yearly_report_csv", args=["m9_by_role"])).content.decode("utf-8-sig")
    for row in csv.DictReader(io.StringIO(by_role)):
        # No figure for a target that does not exist ("X" where the group is too small to show).
        assert row["met"] in ("", "X") and row["share_met_percent"] in ("", "X")

    pdf = PdfReader(io.BytesIO(hr.get(reverse("yearly_report_pdf")).content))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "未設定" in text and "0.0%" not in text
    for name in ("rates", "trend"):
        assert hr.get(reverse("yearly_report_chart", args=[name, "png"])).status_code == 200


def test_reminders_claim_nobody_is_behind_a_target_that_does_not_exist(city):
    counts = send_reminders()
    assert counts.behind == 0 and counts.failed == 0
    assert mail.outbox == []


def test_once_hr_copies_last_years_targets_the_year_is_judged(client, city):
    hr = logged_in(client, Duty.HR)
    hr.post(reverse("courses:targets"), {"copy": "1", "from_year": 2026, "to_year": 2027})
    assert Target.objects.filter(fiscal_year=2027).count() == len(Role.values)
    assert NOT_SET not in body(hr.get(reverse("courses:compliance")))
    assert all(row.target for row in compliance_rows(fy=2027).rows)
    assert send_reminders().behind == len(city)  # on day one everyone is behind


def test_administrators_copy_class_and_coverage_targets_in_the_admin(admin_client_, city):
    for model, url in (
        (ClassTarget, "admin:classes_classtarget_changelist"),
        (CoverageTarget, "admin:support_coveragetarget_changelist"),
    ):
        selected = model.objects.filter(fiscal_year=2026).values_list("pk", flat=True)
        data = {"action": "copy_to_next_year", "_selected_action": list(selected)}
        response = admin_client_.post(reverse(url), data, follow=True)
        assert "令和9年度 (2027年度)" in body(response)
        copied = model.objects.filter(fiscal_year=2027)
        assert copied.count() == len(selected)
        again = admin_client_.post(reverse(url), data, follow=True)
        assert "既に目標があります" in body(again)
        assert model.objects.filter(fiscal_year=2027).count() == len(selected)
