"""Pages and exports with personal data are never stored by browsers or proxies; links in
mails and feeds point at SITE_URL whatever Host the request named; an account without a
staff record is told why instead of a bare 403."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.permissions import Duty
from tests.classes.factories import SignUpFactory, SmartphoneClassFactory, centre_staff_user
from tests.courses.factories import CourseFactory, RegistrationFactory, SessionFactory
from tests.factories import StaffFactory, UserFactory
from tests.support.factories import HouseholdFactory

pytestmark = pytest.mark.django_db

ROSTER = "職員番号,氏名,メールアドレス,所属,職責\nA001,山田 太郎,yamada@city.example.jp,市民課,一般職員\n"


def assert_not_stored(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"], response.get("Cache-Control")


def logged_in(client, *duties, superuser=False):
    user = UserFactory(duties=duties, is_superuser=superuser, is_staff=superuser)
    StaffFactory(user=user)
    client.force_login(user)
    return user


@pytest.mark.parametrize("query", ["", "?_export=csv"])
def test_household_pages_and_exports_are_not_stored(client, query):
    household = HouseholdFactory()
    logged_in(client, Duty.SUPPORT_STAFF)
    assert_not_stored(client.get(reverse("support:households") + query))
    assert_not_stored(client.get(reverse("support:household", args=[household.pk])))


@pytest.mark.parametrize("query", ["", "?_export=csv", "?_export=xlsx"])
def test_the_compliance_page_and_exports_are_not_stored(client, query):
    logged_in(client, Duty.HR)
    assert_not_stored(client.get(reverse("courses:compliance") + query))


def test_sign_up_and_registrant_lists_are_not_stored(client):
    smartphone_class = SmartphoneClassFactory()
    SignUpFactory(smartphone_class=smartphone_class)
    client.force_login(centre_staff_user(smartphone_class.centre))
    assert_not_stored(client.get(reverse("classes:manage_class", args=[smartphone_class.pk])))
    organiser = logged_in(client, Duty.COURSE_ORGANISER)
    session = SessionFactory(course=CourseFactory(organisers=[organiser]))
    RegistrationFactory(session=session)
    assert_not_stored(client.get(reverse("courses:organise_session", args=[session.pk])))
    assert_not_stored(client.get(reverse("courses:participants", args=[session.pk])))


def test_the_roster_preview_is_not_stored(client):
    logged_in(client, Duty.HR)
    response = client.post(
        reverse("courses:roster_import"),
        {"file": SimpleUploadedFile("roster.csv", ROSTER.encode(), content_type="text/csv")},
        follow=True,  # to the import job's page, where the preview is shown
    )
    assert "山田 太郎" in response.content.decode()
    assert_not_stored(response)


def test_charts_keep_their_own_short_private_cache(client):
    logged_in(client, Duty.HR)
    response = client.get(reverse("courses:compliance_chart", args=["png"]))
    assert response["Cache-Control"] == "private, max-age=300"


def test_the_personal_calendar_feed_is_private(client):
    from learning.directory.services import rotate_calendar_token

    token = rotate_calendar_token(staff=StaffFactory())
    response = client.get(reverse("courses:personal_feed", args=[token]))
    assert response["Cache-Control"].startswith("private")


# Absolute links ------------------------------------------------------------------------


def test_the_password_reset_link_points_at_site_url_not_at_the_requested_host(client, settings):
    settings.SITE_URL = "https://learning.city.example.jp"
    UserFactory(email="staff@city.example.jp")
    client.post(
        reverse("account_reset_password"), {"email": "staff@city.example.jp"}, HTTP_HOST="localhost"
    )
    (message,) = mail.outbox
    assert "https://learning.city.example.jp/accounts/password/reset/key/" in message.body
    assert "localhost" not in message.body and "localhost" not in message.subject


def test_a_reset_for_an_unknown_address_sends_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.jp"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mail.outbox == []


def test_my_training_links_the_feed_on_site_url(client, settings):
    settings.SITE_URL = "https://learning.city.example.jp"
    from learning.directory.services import rotate_calendar_token

    staff = StaffFactory()
    token = rotate_calendar_token(staff=staff)
    client.force_login(staff.user)
    response = client.get(reverse("courses:my_training"), HTTP_HOST="localhost")
    assert response.context["feed_url"] == (
        f"https://learning.city.example.jp/courses/calendar/{token}.ics"
    )


# An account without a staff record -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "courses:my_training", []),
        ("get", "courses:external_new", []),
        ("post", "courses:external_new", []),
        ("post", "courses:rotate_feed", []),
    ],
)
def test_an_administrator_without_a_staff_record_is_told_why(client, method, name, args):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 200
    body = response.content.decode()
    assert "職員名簿" in body and "職員の記録がありません" in body


def test_registering_without_a_staff_record_is_explained_too(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(reverse("courses:register", args=[SessionFactory().pk]))
    assert response.status_code == 200
    assert "職員の記録がありません" in response.content.decode()


def test_the_public_feed_address_is_shown_on_site_url(client, settings):
    settings.SITE_URL = "https://learning.city.example.jp"
    body = client.get(reverse("classes:index"), HTTP_HOST="localhost").content.decode()
    assert "https://learning.city.example.jp/classes/calendar.ics" in body
    assert "http://localhost" not in body
