import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from learning import fiscal


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2027, 3, 31), 2026),
        (dt.date(2027, 4, 1), 2027),
        (dt.date(2026, 12, 31), 2026),
        (dt.date(2027, 1, 1), 2026),
    ],
)
def test_a_date_belongs_to_the_fiscal_year_that_started_on_the_last_first_of_april(day, fy):
    assert fiscal.fiscal_year_of(day) == fy


def test_a_datetime_is_judged_in_tokyo_not_utc():
    # 2026-03-31 15:30 UTC is already 1 April in Tokyo.
    moment = dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC)
    assert fiscal.fiscal_year_of(moment) == 2026
    assert fiscal.fiscal_year_of(dt.datetime(2026, 3, 31, 14, 59, tzinfo=dt.UTC)) == 2025


def test_first_and_last_day_and_the_exclusive_end_instant():
    assert fiscal.first_day(2026) == dt.date(2026, 4, 1)
    assert fiscal.last_day(2026) == dt.date(2027, 3, 31)
    assert fiscal.start_datetime(2026) == dt.datetime(2026, 4, 1, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert fiscal.end_datetime(2026) == dt.datetime(2027, 4, 1, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.mark.parametrize(
    ("fy", "label"),
    [
        (2026, "令和8年度"),
        (2022, "令和4年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
    ],
)
def test_japanese_labels_use_the_era_and_write_the_first_year_as_gan(fy, label):
    assert fiscal.japanese_label(fy) == label


def test_the_label_shows_both_forms_in_japanese_and_english():
    with translation.override("ja"):
        assert fiscal.label(2026) == "令和8年度 (2026年度)"
    with translation.override("en"):
        assert fiscal.label(2026) == "令和8年度 (FY2026)"


def test_japanese_dates_change_era_on_1_may_2019():
    assert fiscal.japanese_date(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert fiscal.japanese_date(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert fiscal.japanese_date(dt.date(2026, 4, 1)) == "令和8年4月1日"


@time_machine.travel(dt.datetime(2027, 3, 31, 23, 59, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
def test_the_running_year_is_still_fy2026_on_the_evening_of_31_march():
    assert fiscal.current_fiscal_year() == 2026


@time_machine.travel(dt.datetime(2027, 4, 1, 0, 1, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
def test_the_running_year_changes_just_after_midnight_on_1_april():
    assert fiscal.current_fiscal_year() == 2027


@time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
def test_a_running_year_is_judged_on_today_and_a_past_year_on_its_last_day():
    assert fiscal.reference_day(2026) == dt.date(2026, 11, 25)
    assert fiscal.reference_day(2025) == dt.date(2026, 3, 31)


@time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
@pytest.mark.parametrize(
    ("query", "expected"), [("fy=2024", 2024), ("fy=abc", 2026), ("fy=1999", 2026), ("", 2026)]
)
def test_the_fiscal_year_selector_falls_back_to_the_running_year_on_bad_input(query, expected):
    request = RequestFactory().get(f"/report/?{query}")
    assert fiscal.selected_fiscal_year(request) == expected


def test_template_filters_render_labels_and_dates():
    template = Template(
        "{% load fiscal_years %}{{ fy|fiscal_year_label }}|{{ fy2|japanese_fiscal_year }}|{{ day|fiscal_year_of }}|{{ day|wareki }}"
    )
    with translation.override("ja"):
        rendered = template.render(Context({"fy": 2026, "fy2": 2019, "day": dt.date(2026, 3, 31)}))
    assert rendered == "令和8年度 (2026年度)|令和元年度|2025|令和8年3月31日"


@time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False)
def test_the_selector_lists_the_plan_years_and_keeps_other_filters():
    request = RequestFactory().get("/x/?fy=2024&role=leader&page=3")
    template = Template("{% load fiscal_years %}{% fiscal_year_selector 2024 %}")
    with translation.override("ja"):
        html = template.render(Context({"request": request}))
    assert '<option value="2024" selected>令和6年度 (2024年度)</option>' in html
    assert '<option value="2022">' in html and '<option value="2021">' not in html
    assert 'name="role" value="leader"' in html
    assert 'name="page"' not in html
