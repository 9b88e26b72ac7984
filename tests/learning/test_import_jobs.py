"""Browser imports run as background jobs: the upload lives in a job row (never in the
session), the page shows progress without inline script, then the same preview, errors
or result as before."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import jobs
from learning.directory.tasks import run_roster_import
from learning.models import ImportJob, JobStatus, Staff
from support.models import Household
from tests.learning.test_mail_queue import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db


def roster(count: int) -> bytes:
    lines = ["職員番号,氏名,メールアドレス,所属,職責"]
    lines += [f"J{n:05d},職員 {n},j{n}@city.example.jp,総務課,一般職員" for n in range(count)]
    return ("\n".join(lines) + "\n").encode("cp932")


def households(count: int) -> bytes:
    lines = ["整理番号,地区,世帯人数,把握日,状態"]
    lines += [f"H{n:05d},鹿島,2,2025/05/01,支援中" for n in range(count)]
    return ("\n".join(lines) + "\n").encode("cp932")


def upload(data: bytes, name="roster.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_the_upload_lives_in_a_job_row_and_is_erased_once_saved(hr_client):
    response = hr_client.post(reverse("courses:roster_import"), {"file": upload(roster(3))})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("courses:roster_import_job", args=[job.pk])
    assert bytes(job.data) == roster(3)
    assert not any(  # nothing of the file in the session, base64 or otherwise
        len(str(value)) > 100 for value in hr_client.session.values()
    )
    hr_client.post(response["Location"], {"confirm": "1"})
    job.refresh_from_db()
    assert (job.step, job.status, bytes(job.data)) == ("save", JobStatus.DONE, b"")
    assert Staff.objects.filter(employee_id__startswith="J").count() == 3


def test_confirming_twice_saves_once(hr_client):
    job = jobs.start_job(
        kind="roster",
        owner=_user(hr_client),
        filename="r.csv",
        data=roster(2),
        task=run_roster_import,
    )
    assert jobs.confirm_job(job=job, task=run_roster_import)
    assert not jobs.confirm_job(job=job, task=run_roster_import)
    assert Staff.objects.filter(employee_id__startswith="J").count() == 2


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_a_job_with_bad_rows_shows_every_line_and_cannot_be_confirmed(hr_client):
    bad = roster(2) + "J9,,x,課,部長\n".encode("cp932")
    response = hr_client.post(reverse("courses:roster_import"), {"file": upload(bad)}, follow=True)
    body = response.content.decode()
    assert "4行目:" in body and "取り込みませんでした" in body
    assert 'name="confirm"' not in body
    job = ImportJob.objects.get()
    assert bytes(job.data) == b""  # nothing to keep for a file that cannot be saved
    response = hr_client.post(reverse("courses:roster_import_job", args=[job.pk]), {"confirm": "1"})
    assert response.status_code == 302
    assert not Staff.objects.filter(employee_id__startswith="J").exists()


def test_a_running_job_shows_its_progress_with_a_script_file_and_a_no_script_refresh(hr_client):
    job = ImportJob.objects.create(
        kind="roster", owner=_user(hr_client), filename="名簿.csv", status=JobStatus.RUNNING
    )
    jobs._Reporter(str(job.pk))(1200, 20000)
    url = reverse("courses:roster_import_job", args=[job.pk])
    response = hr_client.get(url)
    body = response.content.decode()
    assert 'max="20000" value="1200"' in body
    assert "20000 行中 1200 行" in body
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in body
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", body, flags=re.S)
    assert scripts and all("src=" in attrs and not inline.strip() for attrs, inline in scripts)
    assert f'nonce="{nonce}"' in scripts[0][0] and "job-progress.js" in scripts[0][0]
    assert " on" not in " ".join(attrs for attrs, _inline in scripts)  # no inline handlers

    status = hr_client.get(reverse("courses:roster_import_status", args=[job.pk])).json()
    assert status == {
        "status": "running",
        "step": "preview",
        "finished": False,
        "done": 1200,
        "total": 20000,
        "percent": 6,
    }


def test_the_importer_reports_its_progress_while_it_runs(hr_client, monkeypatch):
    seen = []
    real = jobs._Reporter.__call__

    def spy(self, done, total):
        seen.append((done, total))
        real(self, done, total)

    monkeypatch.setattr(jobs._Reporter, "__call__", spy)
    hr_client.post(reverse("courses:roster_import"), {"file": upload(roster(50))})
    assert seen[0] == (1, 50) and seen[-1] == (50, 50)
    job = ImportJob.objects.get()
    assert jobs.status(job)["done"] == jobs.status(job)["total"] == 50


def test_jobs_of_another_import_or_past_their_hours_are_not_found(hr_client, settings):
    other = ImportJob.objects.create(kind="support_import", owner=_user(hr_client))
    assert hr_client.get(reverse("courses:roster_import_job", args=[other.pk])).status_code == 404
    mine = ImportJob.objects.create(kind="roster", owner=_user(hr_client))
    settings.LEARNING_IMPORT_JOB_HOURS = 0
    assert hr_client.get(reverse("courses:roster_import_job", args=[mine.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_household_import_goes_through_the_real_queue(client, settings):
    from learning.permissions import Duty
    from tests.factories import StaffFactory, UserFactory

    settings.TASKS = DATABASE_QUEUE
    user = UserFactory(duties=[Duty.SUPPORT_STAFF])
    StaffFactory(user=user)
    client.force_login(user)
    response = client.post(
        reverse("support:import"),
        {"what": "households", "file": upload(households(500), "世帯.csv")},
    )
    page = client.get(response["Location"]).content.decode()
    assert "ファイルを確認しています" in page  # queued: the page waits for the worker
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "500 件を新規登録" in page and not Household.objects.exists()
    client.post(response["Location"], {"confirm": "1"})
    assert "ファイルの内容を保存しています" in client.get(response["Location"]).content.decode()
    run_worker()
    assert "取り込みました" in client.get(response["Location"]).content.decode()
    assert Household.objects.count() == 500


@pytest.mark.parametrize("rows", [3, 60])
def test_the_preview_page_costs_the_same_queries_for_any_file_size(
    hr_client, django_assert_num_queries, rows
):
    hr_client.post(reverse("courses:roster_import"), {"file": upload(roster(rows))})
    job = ImportJob.objects.get()
    url = reverse("courses:roster_import_job", args=[job.pk])
    hr_client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(6):  # session, user, duties, staff record, MFA prompt, the job
        body = hr_client.get(url).content.decode()
    assert body.count("<tr><td>") == rows
