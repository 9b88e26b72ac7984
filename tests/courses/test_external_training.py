import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from courses.models import ExternalTraining, ReviewStatus
from courses.selectors.compliance import compliance_rows
from courses.services.external import (
    ExternalTrainingError,
    report_external_training,
    review_external_training,
)
from learning.fiscal import TOKYO
from tests.courses.factories import CourseFactory, ExternalTrainingFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _stated_clock():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, 0, tzinfo=TOKYO)):
        yield


def test_a_report_waits_for_hr_and_counts_once_approved():
    staff = StaffFactory()
    report = report_external_training(
        staff=staff, title="自治体DX研修", provider="J-LIS", attended_on=TODAY
    )
    fy = 2026

    def participations():
        return next(r.participations for r in compliance_rows(fy=fy).rows if r.staff_id == staff.pk)

    assert report.status == ReviewStatus.PENDING
    assert participations() == 0
    review_external_training(report=report, approve=True, reviewer=UserFactory())
    assert participations() == 1


def test_reviewing_twice_is_refused():
    report = ExternalTrainingFactory()
    review_external_training(report=report, approve=False, reviewer=UserFactory())
    with pytest.raises(ExternalTrainingError, match="既に確認"):
        review_external_training(report=report, approve=True, reviewer=UserFactory())
    report.refresh_from_db()
    assert report.status == ReviewStatus.REJECTED


def test_a_future_date_is_refused():
    with pytest.raises(ExternalTrainingError):
        report_external_training(
            staff=StaffFactory(), title="x", attended_on=TODAY + dt.timedelta(days=3)
        )


def test_a_title_is_required():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        report_external_training(staff=StaffFactory(), title="  ", attended_on=TODAY)


def test_staff_report_from_the_page_and_see_the_status(staff_client):
    course = CourseFactory(title="情報セキュリティ基礎")
    url = reverse("courses:external_new")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "title": "県主催 DX研修",
            "provider": "県",
            "attended_on": TODAY.isoformat(),
            "course": course.pk,
            "note": "修了証あり",
        },
    )
    assert response.status_code == 302
    report = ExternalTraining.objects.get()
    assert (report.staff, report.course, report.status) == (
        staff_client.staff,
        course,
        ReviewStatus.PENDING,
    )
    body = staff_client.get(url).content.decode()
    assert "県主催 DX研修" in body and "人事の確認待ち" in body


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "attended_on": "2026-01-01"},
        {"title": "x", "attended_on": "yesterday"},
        {"title": "x", "attended_on": "2026-01-01", "course": "999999"},
        {"title": "x", "attended_on": "2999-01-01"},
    ],
)
def test_bad_reports_are_form_errors(staff_client, data):
    assert staff_client.post(reverse("courses:external_new"), data).status_code == 400
    assert not ExternalTraining.objects.exists()


def test_accounts_without_a_staff_record_are_told_why_and_visitors_log_in(client):
    url = reverse("courses:external_new")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 200
    assert "職員の記録がありません" in response.content.decode()


def test_hr_approves_and_rejects_from_the_review_page(hr_client):
    approve, reject = ExternalTrainingFactory(title="A研修"), ExternalTrainingFactory(title="B研修")
    assert "A研修" in hr_client.get(reverse("courses:external_review")).content.decode()
    hr_client.post(
        reverse("courses:external_review_decide", args=[approve.pk]), {"decision": "approve"}
    )
    hr_client.post(
        reverse("courses:external_review_decide", args=[reject.pk]), {"decision": "reject"}
    )
    approve.refresh_from_db()
    reject.refresh_from_db()
    assert (approve.status, reject.status) == (ReviewStatus.APPROVED, ReviewStatus.REJECTED)
    again = hr_client.post(
        reverse("courses:external_review_decide", args=[approve.pk]),
        {"decision": "reject"},
        follow=True,
    )
    assert "既に確認" in again.content.decode()
    assert (
        hr_client.post(
            reverse("courses:external_review_decide", args=[approve.pk]), {"decision": "?"}
        ).status_code
        == 302
    )


def test_staff_cannot_review(staff_client):
    report = ExternalTrainingFactory()
    assert (
        staff_client.post(
            reverse("courses:external_review_decide", args=[report.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.status == ReviewStatus.PENDING
