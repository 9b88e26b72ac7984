"""Every page of the public site, in every state, on small screens: nothing scrolls
sideways at 320 CSS px or at 200 % zoom on a 390 px phone, and axe-core finds no WCAG 2.1
A/AA violation. Then every button of the public pages is pressed as a reader would.

200 % zoom is what Chromium's page zoom does: the CSS viewport halves (390 → 195 CSS px)
and each CSS px takes twice the device pixels, so media queries see the narrower screen.

With ``ACCESSIBILITY_RECORD=1`` (``make accessibility``) a run in which every page passed
on every screen writes ``classes/accessibility_record.json``: the date, the pages and the
result that the public ウェブアクセシビリティ方針 page shows.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import time_machine

from classes import accessibility
from classes.models import SignUp
from learning import fiscal
from tests.browser.axe import axe_version, describe, load_axe, violations_on
from tests.classes.public_site import NOW, PAGE_NAMES, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "320": {
        "label": "幅320px（小さなスマートフォン）",
        "context": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2},
    },
    "390-zoom-200": {
        "label": "幅390pxのスマートフォンで200%に拡大",
        "context": {"viewport": {"width": 195, "height": 422}, "device_scale_factor": 4},
    },
}
# The form sent empty: the error state of the sign-up page.
STATES = (*PAGE_NAMES, "signup_errors")
STATE_LABELS = {"signup_errors": "入力エラー"}
# What a run found, for the record: (screen, state) → (path, title, state label, violations, sideways)
RESULTS: dict[tuple[str, str], tuple[str, str, str, int, bool]] = {}

# Elements sticking out to the right, to say which one makes the page scroll sideways.
WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  return {
    scroll: document.documentElement.scrollWidth,
    width,
    culprits: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')),
  };
}"""


@pytest.fixture(scope="module")
def axe_source():
    return load_axe()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture(scope="module", autouse=True)
def record_when_asked(browser):
    """After the module: keep the record when asked to and everything was checked and passed."""
    yield
    if os.environ.get("ACCESSIBILITY_RECORD") != "1":
        return
    expected = {(screen, state) for screen in SCREENS for state in STATES}
    if set(RESULTS) != expected:
        return  # a part did not run (or failed before its check): no record
    if any(result[3] or result[4] for result in RESULTS.values()):
        return
    pages, seen = [], set()
    for state in STATES:
        path, title, label, _violations, _sideways = RESULTS[(next(iter(SCREENS)), state)]
        if (path, label) not in seen:
            seen.add((path, label))
            pages.append(accessibility.TestedPage(path=path, title=title, state=label))
    accessibility.write_record(
        accessibility.TestRecord(
            tested_on=dt.datetime.now(tz=fiscal.TOKYO).date(),
            tool=f"axe-core {axe_version()}",
            browser=f"Chromium {browser.version.split('.')[0]}",
            screens=[screen["label"] for screen in SCREENS.values()],
            pages=pages,
            checks=len(RESULTS),
            violations=0,
            sideways_scrolling=0,
        )
    )


def generic(path: str) -> str:
    """The address without the test's ids, tokens and centre: /classes/class/<番号>/."""
    path = re.sub(r"/signup/(?!not-a-token)[^/]+/", "/signup/<受付の鍵>/", path)
    path = re.sub(r"/class/\d{6,}/", "/class/<ない番号>/", path)
    path = re.sub(r"/class/\d+/", "/class/<番号>/", path)
    path = re.sub(r"town=\d{6,}", "town=<ない番号>", path)
    path = re.sub(r"town=\d+", "town=<町の番号>", path)
    return re.sub(r"^/classes/kashima-site/", "/classes/<公民館>/", path)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_page_scrolls_sideways_or_breaks_wcag_on_a_small_screen(
    clock, browser, site_url, axe_source, screen, state
):
    world = build_world()
    pages = world.pages()
    assert tuple(pages) == PAGE_NAMES
    # Only this scanning context bypasses the CSP (axe goes in as an inline script); the
    # page is first checked to hold no inline code the CSP would have blocked.
    context = browser.new_context(
        locale="ja-JP",
        bypass_csp=True,
        is_mobile=True,
        has_touch=True,
        **SCREENS[screen]["context"],
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        if state == "signup_errors":
            path, label = pages["signup"][0], STATE_LABELS[state]
            page.goto(site_url + path)
            page.get_by_role("button", name="申し込む", exact=True).click()
            page.get_by_role("alert").first.wait_for()
        else:
            path, label = pages[state]
            page.goto(site_url + path)
        width = page.evaluate(WIDER_THAN_THE_SCREEN)
        assert width["width"] == SCREENS[screen]["context"]["viewport"]["width"]
        found = violations_on(page, axe_source)
        sideways = width["scroll"] > width["width"]
        title = page.title().rsplit(" | ", 1)[0]  # without the site name after it
        RESULTS[(screen, state)] = (generic(path), title, label, len(found), sideways)
        assert not sideways, f"{path} scrolls sideways at {screen}: {width}"
        assert found == [], describe(found)
    finally:
        context.close()


def sign_up_on(page, *, name: str, phone: str, pair: bool = False) -> None:
    if pair:
        page.get_by_label("2人（ご家族などと一緒に）").check()
    page.get_by_label("お名前").fill(name)
    page.get_by_label("電話番号").fill(phone)
    page.get_by_label("上の「個人情報の取り扱い」に同意します。").check()


def test_two_people_sign_up_together_and_take_two_seats(clock, phone_page, site_url):
    world = build_world()
    page = phone_page
    page.goto(f"{site_url}/classes/")
    page.get_by_label("お住まいの地区（町の名前）").select_option(label="宮中")
    page.get_by_role("button", name="教室を見る").click()
    assert "宮中の公民館は、鹿島地区公民館です。" in page.content()
    page.locator("#near").get_by_role("link", name="申し込む はじめてのスマホ").click()
    sign_up_on(page, name="鹿嶋 太郎", phone="090-5555-6666", pair=True)
    page.get_by_role("button", name="申し込む", exact=True).click()
    page.wait_for_url(re.compile(r"/classes/signup/"))
    assert page.get_by_role("heading", level=1).inner_text() == "お申し込みを受け付けました"
    assert "2人分の席を取りました。" in page.content()
    signup = SignUp.objects.get(name="鹿嶋 太郎")
    assert (signup.party_size, signup.status) == (2, "confirmed")
    page.goto(f"{site_url}/classes/class/{world.open_class.pk}/")
    # 12 seats: the pair already there (2) and this pair (2) leave 8.
    assert "残り8席" in page.locator(".seats").inner_text()


def test_join_the_waiting_list_and_be_told_the_centre_will_phone(clock, phone_page, site_url):
    world = build_world()
    page = phone_page
    page.goto(f"{site_url}/classes/class/{world.full_class.pk}/")
    assert "× 満席（キャンセル待ち受付中）" in page.locator(".seats").inner_text()
    page.get_by_role("link", name="キャンセル待ちに申し込む").click()
    sign_up_on(page, name="鹿嶋 次郎", phone="0299-12-3456")
    page.get_by_role("button", name="キャンセル待ちに申し込む").click()
    page.wait_for_url(re.compile(r"/classes/signup/"))
    assert page.get_by_role("heading", level=1).inner_text() == "キャンセル待ちを受け付けました"
    assert "キャンセル待ちの2番目です。" in page.content()
    assert "席が空いたら、公民館からお電話します。" in page.content()
    assert page.locator('a[href="tel:0299820011"]').count() >= 1
    assert SignUp.objects.get(name="鹿嶋 次郎").status == SignUp.Status.WAITING


def test_put_a_class_in_the_calendar(clock, phone_page, site_url):
    world = build_world()
    page = phone_page
    page.goto(f"{site_url}/classes/class/{world.open_class.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="カレンダーに入れる").click()
    body = Path(download.value.path()).read_text(encoding="utf-8")
    assert body.startswith("BEGIN:VCALENDAR") and "SUMMARY:はじめてのスマホ" in body
    page.goto(f"{site_url}/classes/{world.centre.slug}/")
    button = page.get_by_role("link", name="カレンダーに入れる")
    assert button.get_attribute("href").startswith("webcal://")
    page.get_by_text("ボタンでうまくいかないときは").click()
    address = page.locator(".long-address").first
    assert address.is_visible() and address.inner_text().endswith("/calendar.ics")


def cancel_by_link(browser, url: str) -> None:
    """A fresh browser (no cookies), as when the link is opened from a receipt or a mail."""
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        page.get_by_role("button", name="申し込みを取り消す").click()
        page.get_by_role("heading", name="お申し込みを取り消しました").wait_for()
    finally:
        context.close()


def test_cancelled_seats_go_to_those_waiting_in_order_and_a_pair_moves_up_together(
    clock, browser, site_url
):
    world = build_world()  # the full class (2 seats): a pair holds both, 待つ 次郎 waits
    from classes.services.signups import cancel_token, sign_up

    pair = SignUp.objects.get(smartphone_class=world.full_class, party_size=2)
    waiting_pair = sign_up(
        smartphone_class=world.full_class, name="二人 組", phone="090-7777-8888", party_size=2
    )
    cancel_by_link(browser, f"{site_url}/classes/signup/{cancel_token(pair)}/")
    world.waiting.refresh_from_db()
    waiting_pair.refresh_from_db()
    # Two seats freed: 待つ 次郎 (first in line, one seat) moves up; the pair needs two.
    assert world.waiting.status == SignUp.Status.CONFIRMED
    assert waiting_pair.status == SignUp.Status.WAITING
    cancel_by_link(browser, f"{site_url}/classes/signup/{cancel_token(world.waiting)}/")
    waiting_pair.refresh_from_db()
    assert waiting_pair.status == SignUp.Status.CONFIRMED  # both seats, together
