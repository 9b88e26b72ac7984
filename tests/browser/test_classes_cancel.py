"""A citizen cancels by the link on their receipt or in their e-mail, in a real browser, and
the first person waiting gets the seat."""

import datetime as dt
import re

import pytest
import time_machine

from classes.models import SignUp
from learning import fiscal
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=fiscal.TOKYO)
CLASS_STARTS = dt.datetime(2026, 11, 16, 10, 0, tzinfo=fiscal.TOKYO)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True):
        yield


def test_cancel_by_the_link_in_a_fresh_browser_promotes_the_first_waiting(
    clock, browser, phone_page, site_url
):
    centre = CentreFactory(name="鹿島地区公民館", slug="kashima-cancel")
    smartphone_class = SmartphoneClassFactory(
        centre=centre,
        title="はじめてのスマホ",
        capacity=1,
        starts_at=CLASS_STARTS,
        ends_at=CLASS_STARTS + dt.timedelta(hours=2),
    )
    page = phone_page
    page.goto(f"{site_url}/classes/class/{smartphone_class.pk}/signup/")
    page.get_by_label("お名前").fill("鹿嶋 花子")
    page.get_by_label("電話番号").fill("090-1234-5678")
    page.get_by_label("上の「個人情報の取り扱い」に同意します。").check()
    page.get_by_role("button", name="申し込む", exact=True).click()
    page.wait_for_url(re.compile(r"/classes/signup/"))
    link = page.url
    mine = SignUp.objects.get(name="鹿嶋 花子")
    assert mine.status == SignUp.Status.CONFIRMED
    waiting = SignUpFactory(
        smartphone_class=smartphone_class, status=SignUp.Status.WAITING, name="待つ 一郎"
    )

    # Another day, another browser: the link from the e-mail or the printed receipt.
    fresh = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="ja-JP"
    )
    try:
        receipt = fresh.new_page()
        receipt.set_default_timeout(15_000)
        receipt.goto(link)
        receipt.get_by_role("button", name="申し込みを取り消す").click()
        receipt.wait_for_load_state()
        assert "403" not in receipt.title()
        assert receipt.get_by_role("heading", level=1).inner_text() == (
            "お申し込みを取り消しました"
        )
    finally:
        fresh.close()

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == SignUp.Status.CANCELLED
    assert waiting.status == SignUp.Status.CONFIRMED
