"""The citizen's journey, page by page, on a phone: the screenshots in README.md and
docs/classes.md. Every run walks the journey (and so checks it); with ``SCREENSHOTS=1``
(``make screenshots``) the pictures are written to docs/img/ to be committed."""

import os
import re
import shutil
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from classes.models import SignUp
from classes.services.signups import cancel_token
from tests.classes.factories import centre_staff_user
from tests.classes.public_site import NOW, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(settings.BASE_DIR) / "docs" / "img"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ja-JP",
}


@pytest.fixture
def shots(tmp_path):
    """``shots(page, name)`` saves what the screen shows; copied to docs/img/ when asked."""
    taken = []

    def shoot(page, name: str, *, at=None) -> None:
        if at is not None:
            page.locator(at).first.scroll_into_view_if_needed()
            page.evaluate(
                "(selector) => document.querySelector(selector).scrollIntoView({block: 'start'})",
                at,
            )
        path = tmp_path / f"{name}.png"
        page.screenshot(path=path)
        taken.append(path)

    yield shoot
    if os.environ.get("SCREENSHOTS") == "1":
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        for path in taken:
            shutil.copy(path, DOCS_IMG / f"citizens-{path.name}")


def test_the_citizens_journey_on_a_phone(browser, site_url, shots, log_in):
    with time_machine.travel(NOW, tick=True):
        world = build_world()
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.set_default_timeout(15_000)

        page.goto(f"{site_url}/classes/")
        shots(page, "01-index")
        page.get_by_label("お住まいの地区（町の名前）").select_option(label="宮中")
        page.get_by_role("button", name="教室を見る").click()
        shots(page, "02-your-centre-first", at="#near")

        page.locator("#near").get_by_role("link", name="はじめてのスマホ", exact=True).click()
        shots(page, "03-class")
        page.get_by_role("link", name="この教室に申し込む").click()
        shots(page, "04-sign-up-form", at=".signup-form")
        page.get_by_role("button", name="申し込む", exact=True).click()
        page.get_by_role("alert").first.wait_for()
        shots(page, "05-form-errors", at="#form-errors")

        page.get_by_label("2人（ご家族などと一緒に）").check()
        page.get_by_label("お名前").fill("鹿嶋 太郎")
        page.get_by_label("電話番号").fill("090-5555-6666")
        page.get_by_label("上の「個人情報の取り扱い」に同意します。").check()
        page.get_by_role("button", name="申し込む", exact=True).click()
        page.wait_for_url(re.compile(r"/classes/signup/"))
        shots(page, "06-signed-up")
        shots(page, "07-contact-and-cancel", at=".centre-contact")
        context.close()

        # From the printed receipt, another day, another browser.
        receipt = browser.new_context(**PHONE)
        page = receipt.new_page()
        signup = SignUp.objects.get(name="鹿嶋 太郎")
        page.goto(f"{site_url}/classes/signup/{cancel_token(signup)}/")
        page.get_by_role("button", name="申し込みを取り消す").click()
        page.get_by_role("heading", name="お申し込みを取り消しました").wait_for()
        shots(page, "08-cancelled")
        page.goto(f"{site_url}/classes/signup/{cancel_token(world.waiting)}/")
        shots(page, "09-waiting-list")
        page.goto(f"{site_url}/classes/{world.centre.slug}/")
        shots(page, "10-centre", at=".facts--centre")
        receipt.close()

        zoomed = browser.new_context(
            viewport={"width": 195, "height": 422},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="ja-JP",
        )
        page = zoomed.new_page()
        page.goto(f"{site_url}/classes/class/{world.full_class.pk}/")
        shots(page, "11-zoom-200")
        zoomed.close()

        staff = browser.new_context(viewport={"width": 1024, "height": 700}, locale="ja-JP")
        log_in(staff, centre_staff_user(world.centre))
        page = staff.new_page()
        page.goto(f"{site_url}/classes/manage/calls/?day=2026-11-19")
        assert "明日の教室" in page.content()
        shots(page, "12-call-list")
        staff.close()
