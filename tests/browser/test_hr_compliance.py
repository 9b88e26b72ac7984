"""HR filters the compliance page and downloads the filtered rows as CSV."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from learning.fiscal import TOKYO, current_fiscal_year
from learning.models import Role
from learning.permissions import Duty
from tests.courses.factories import HeldSessionFactory, RegistrationFactory, TargetFactory
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV_HEADER = "employee_id,name,department,role,participations,target,met,security_done"


def test_hr_filters_the_compliance_page_and_downloads_the_csv(desktop_page, site_url, log_in):
    fy = current_fiscal_year() - 1  # a closed year: its figures no longer move
    for role in Role.values:
        TargetFactory(fiscal_year=fy, role=role, participations_required=1, security_required=False)
    session = HeldSessionFactory(starts_at=dt.datetime(fy, 6, 10, 10, tzinfo=TOKYO))
    met = StaffFactory(employee_id="E90001", name="達成 一郎", assignment__role=Role.GENERAL)
    RegistrationFactory(session=session, staff=met, attended=True)
    StaffFactory(employee_id="E90002", name="未達 二郎", assignment__role=Role.GENERAL)
    StaffFactory(employee_id="E90003", name="未達 三郎", assignment__role=Role.GENERAL)
    StaffFactory(employee_id="E90004", name="管理 四郎", assignment__role=Role.MANAGER)
    page = desktop_page
    log_in(page.context, UserFactory(duties=[Duty.HR]))

    page.goto(f"{site_url}/courses/compliance/?fy={fy}")
    filters = page.locator("form.filters")
    filters.get_by_label("職責").select_option(Role.GENERAL)
    filters.get_by_label("目標達成").select_option("no")
    filters.get_by_role("button", name="絞り込む").click()
    page.wait_for_url(lambda url: "role=general" in url and "met=no" in url)

    table = page.locator("table.compliance-table tbody")
    assert table.locator("tr td:nth-child(2)").all_inner_texts() == ["未達 二郎", "未達 三郎"]
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value

    assert download.suggested_filename == f"training-targets-{fy}.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # so that Excel reads UTF-8
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [(row["employee_id"], row["name"]) for row in rows] == [
        ("E90002", "未達 二郎"),
        ("E90003", "未達 三郎"),
    ]
    assert {(row["role"], row["participations"], row["target"], row["met"]) for row in rows} == {
        ("general", "0", "1", "false")
    }
