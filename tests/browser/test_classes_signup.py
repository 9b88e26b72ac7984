"""A citizen signs up for a smartphone class on a phone-sized screen."""

import re

import pytest

from classes.models import SignUp
from tests.classes.factories import CentreFactory, SmartphoneClassFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_on_a_phone(phone_page, site_url):
    centre = CentreFactory(name="鹿島地区公民館", slug="kashima-browser")
    smartphone_class = SmartphoneClassFactory(centre=centre, title="はじめてのスマホ", capacity=10)
    page = phone_page
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(f"{site_url}/classes/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.get_by_role("link", name="鹿島地区公民館").first.click()
    page.get_by_role("link", name="はじめてのスマホ", exact=True).click()
    page.get_by_role("link", name="この教室に申し込む").click()

    # Sending the form empty shows the errors in Japanese.
    page.get_by_role("button", name="申し込む", exact=True).click()
    assert page.get_by_role("alert").is_visible()
    assert "お名前を入力してください。" in page.content()

    page.get_by_label("お名前").fill("鹿嶋 花子")
    page.get_by_label("電話番号").fill("090-1234-5678")
    page.get_by_label("年代").select_option("70s")
    consent = page.get_by_label("上の「個人情報の取り扱い」に同意します。")
    consent.check()
    button = page.get_by_role("button", name="申し込む", exact=True)
    box = button.bounding_box()
    assert box["height"] >= 48 and box["width"] <= 390  # a large target that fits the screen
    button.click()

    page.wait_for_url(re.compile(r"/classes/signup/"))
    assert page.get_by_role("heading", level=1).inner_text() == "お申し込みを受け付けました"
    signup = SignUp.objects.get(smartphone_class=smartphone_class)
    assert page.locator(".confirmation__number").inner_text() == signup.number
    assert (signup.name, signup.status) == ("鹿嶋 花子", "confirmed")
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    font_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 16
    # The Content-Security-Policy (no inline styles or scripts) blocked nothing.
    assert not [text for text in errors if "Content Security Policy" in text]
