"""Centre staff record who came to their class and that it was held."""

import pytest

from classes.models import SignUp, SmartphoneClass
from tests.classes.factories import (
    CentreFactory,
    SignUpFactory,
    SmartphoneClassFactory,
    centre_staff_user,
    in_days,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_centre_staff_mark_attendance_and_the_class_held(desktop_page, site_url, log_in):
    centre = CentreFactory(name="大野地区公民館", slug="ono-browser")
    yesterdays = SmartphoneClassFactory(centre=centre, title="LINEの使い方", starts_at=in_days(-1))
    came = SignUpFactory(smartphone_class=yesterdays, name="鹿嶋 一郎")
    also_came = SignUpFactory(smartphone_class=yesterdays, name="鹿嶋 二郎")
    stayed_away = SignUpFactory(smartphone_class=yesterdays, name="鹿嶋 三郎")
    page = desktop_page
    log_in(page.context, centre_staff_user(centre))

    page.goto(f"{site_url}/classes/manage/{yesterdays.pk}/")
    attendance = page.locator("form", has=page.get_by_role("button", name="出欠を保存する"))
    attendance.get_by_label("鹿嶋 一郎").check()
    attendance.get_by_label("鹿嶋 二郎").check()
    attendance.get_by_label("申し込みなしの参加者数").fill("2")
    attendance.get_by_label("教室を開催した").check()
    attendance.get_by_role("button", name="出欠を保存する").click()

    assert page.locator(".messages").inner_text() == "出席を保存しました。"
    yesterdays.refresh_from_db()
    assert yesterdays.status == SmartphoneClass.Status.HELD
    assert yesterdays.walk_ins == 2
    assert yesterdays.attendance_recorded_at is not None
    attended = dict(
        SignUp.objects.filter(smartphone_class=yesterdays).values_list("pk", "attended")
    )
    assert attended == {came.pk: True, also_came.pk: True, stayed_away.pk: False}
    # The page shows what was saved: the ticks stay, the third person is marked absent.
    assert attendance.get_by_label("鹿嶋 一郎").is_checked()
    assert not attendance.get_by_label("鹿嶋 三郎").is_checked()
