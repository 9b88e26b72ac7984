"""The public pages have no WCAG 2.1 A/AA violations that axe-core can find, on a desktop
and on a phone-sized screen (a table that scrolls sideways only fails on the phone).

axe-core comes from npm (``package.json`` pins it; ``npm ci`` installs it into
``node_modules/``) and is injected into each page once it has loaded.
"""

import datetime as dt

import pytest

from classes.models import SmartphoneClass
from learning.permissions import Duty
from tests.browser.axe import describe, load_axe, violations_on
from tests.classes.factories import CentreFactory, SignUpFactory, SmartphoneClassFactory, in_days
from tests.factories import UserFactory
from tests.support.factories import DistrictFactory, HouseholdFactory, SupportRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture(scope="session")
def axe_source():
    return load_axe()


@pytest.fixture(params=list(VIEWPORTS))
def scan_page(request, browser):
    # add_script_tag() inserts axe as an inline <script>, which the CSP (script-src 'self'
    # plus a per-response nonce) rightly blocks; only this scanning context bypasses it.
    # What the scan sees is unchanged: each page is first checked to contain no inline
    # style or script that the CSP would have blocked.
    context = browser.new_context(locale="ja-JP", bypass_csp=True, **VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe_violations(scan_page, axe_source):
    """``axe_violations()`` runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is."""

    def violations():
        return violations_on(scan_page, axe_source)

    return violations


@pytest.fixture
def public_classes(db):
    """A centre with an open class, a full one (with a waiting list) and a cancelled one."""
    centre = CentreFactory(name="鹿島地区公民館", slug="kashima-a11y")
    open_class = SmartphoneClassFactory(centre=centre, title="はじめてのスマホ", capacity=10)
    full_class = SmartphoneClassFactory(
        centre=centre, title="LINEの使い方", capacity=1, starts_at=in_days(15)
    )
    SignUpFactory(smartphone_class=full_class)
    SmartphoneClassFactory(
        centre=centre,
        title="マイナンバーカードの申請",
        starts_at=in_days(16),
        status=SmartphoneClass.Status.CANCELLED,
    )
    return centre, open_class, full_class


@pytest.fixture
def open_data(db):
    """One district large enough to publish, one shown as "<5"."""
    large, small = DistrictFactory(name="大野地区"), DistrictFactory(name="波野地区")
    for number in range(6):
        household = HouseholdFactory(district=large)
        if number % 2:
            SupportRecordFactory(household=household)
    HouseholdFactory(district=small, identified_on=dt.date(2024, 5, 1))


def test_home_page_has_no_wcag_violations(scan_page, site_url, axe_violations):
    scan_page.goto(f"{site_url}/")
    assert (found := axe_violations()) == [], describe(found)


def test_login_page_has_no_wcag_violations(scan_page, site_url, axe_violations):
    scan_page.goto(f"{site_url}/accounts/login/")
    assert (found := axe_violations()) == [], describe(found)


def test_class_list_has_no_wcag_violations(scan_page, site_url, axe_violations, public_classes):
    scan_page.goto(f"{site_url}/classes/")
    assert (found := axe_violations()) == [], describe(found)


def test_centre_page_has_no_wcag_violations(scan_page, site_url, axe_violations, public_classes):
    centre, _, _ = public_classes
    scan_page.goto(f"{site_url}/classes/{centre.slug}/")
    assert (found := axe_violations()) == [], describe(found)


def test_class_page_has_no_wcag_violations(scan_page, site_url, axe_violations, public_classes):
    _, open_class, _ = public_classes
    scan_page.goto(f"{site_url}/classes/class/{open_class.pk}/")
    assert (found := axe_violations()) == [], describe(found)


def test_signup_form_has_no_wcag_violations(scan_page, site_url, axe_violations, public_classes):
    _, open_class, _ = public_classes
    scan_page.goto(f"{site_url}/classes/class/{open_class.pk}/signup/")
    assert (found := axe_violations()) == [], describe(found)


def test_signup_form_with_errors_has_no_wcag_violations(
    scan_page, site_url, axe_violations, public_classes
):
    _, _, full_class = public_classes  # full: the form offers the waiting list
    scan_page.goto(f"{site_url}/classes/class/{full_class.pk}/signup/")
    scan_page.locator("form.signup-form button[type=submit]").click()
    scan_page.get_by_role("alert").wait_for()
    assert "お名前を入力してください。" in scan_page.content()
    assert (found := axe_violations()) == [], describe(found)


def test_open_data_page_has_no_wcag_violations(scan_page, site_url, axe_violations, open_data):
    scan_page.goto(f"{site_url}/opendata/")
    assert (found := axe_violations()) == [], describe(found)


def test_class_status_page_has_no_wcag_violations(
    scan_page, site_url, axe_violations, public_classes, log_in
):
    """Not public, but its wide table once failed on a phone (keyboard scrolling)."""
    log_in(scan_page.context, UserFactory(duties=[Duty.REPORT_VIEWER]))
    scan_page.goto(f"{site_url}/classes/status/")
    assert scan_page.get_by_role("region").count() == 1
    assert (found := axe_violations()) == [], describe(found)


def test_the_scan_finds_a_violation_when_there_is_one(scan_page, axe_violations):
    """Guards against a scan that silently checks nothing."""
    scan_page.set_content(
        '<html lang="ja"><head><title>テスト</title></head>'
        '<body><main><img src="x.png"></main></body></html>'
    )
    assert [violation["id"] for violation in axe_violations()] == ["image-alt"]
