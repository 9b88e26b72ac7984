"""HR watches a roster import: the progress bar moves without reloading the page (a static
script polls the job's status under the strict CSP), and the preview appears when done."""

import pytest
from playwright.sync_api import expect

from learning import jobs
from learning.models import ImportJob, JobStatus
from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_follows_the_worker_and_the_preview_replaces_it(
    desktop_page, site_url, log_in
):
    user = UserFactory(duties=[Duty.HR])
    StaffFactory(user=user)
    job = ImportJob.objects.create(
        kind="roster", owner=user, filename="名簿.csv", status=JobStatus.RUNNING, data=b"x"
    )
    jobs._Reporter(str(job.pk))(100, 20000)
    page = desktop_page
    log_in(page.context, user)
    errors = []
    page.on(
        "console",
        lambda m: m.type == "error" and "favicon" not in m.location["url"] and errors.append(m),
    )

    page.goto(f"{site_url}/courses/roster/import/{job.pk}/")
    assert page.locator("progress").get_attribute("value") == "100"
    # The worker moves on (a reporter of its own: one reporter writes twice a second at most).
    jobs._Reporter(str(job.pk))(15000, 20000)
    expect(page.locator("progress")).to_have_attribute("value", "15000")
    expect(page.locator("[data-job-count]")).to_have_text("20,000 行中 15,000 行")

    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        result={
            "summary": {"created": 1, "updated": 0, "unchanged": 0, "rows": 1},
            "outcomes": [[2, "A001", "鹿嶋 花子", "created"]],
        },
    )
    page.get_by_role("heading", name="取込内容の確認").wait_for()
    assert page.get_by_text("1 件を新規登録").is_visible()
    assert page.get_by_role("button", name="この内容で保存する").is_visible()
    assert [
        (m.text, m.location["url"]) for m in errors
    ] == []  # no CSP violation, no failed request
