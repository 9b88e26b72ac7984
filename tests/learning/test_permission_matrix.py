"""Every URL of the system, requested as every persona, answers as ``learning.url_policy`` says."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from classes.services.signups import cancel_token
from courses.models import RegistrationStatus
from learning import url_policy as policy
from learning.directory.services import rotate_calendar_token
from learning.models import ImportJob
from learning.permissions import Duty
from tests.classes.factories import (
    CentreFactory,
    InstructorFactory,
    SignUpFactory,
    SmartphoneClassFactory,
    centre_staff_user,
)
from tests.courses.factories import (
    CourseFactory,
    ExemptionFactory,
    ExternalTrainingFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import StaffFactory, UserFactory
from tests.support.factories import DeviceFactory, HouseholdFactory, SupportRecordFactory

pytestmark = pytest.mark.django_db


def named_patterns(patterns=None, namespace=None):
    """(full name, pattern) for every named URL, walking included URLconfs."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


OWN_NAMES = sorted({name for name, _pattern in named_patterns() if not policy.is_delegated(name)})


def test_every_url_has_a_declared_policy():
    missing = [name for name in OWN_NAMES if policy.rule_for(name) is None]
    assert missing == [], f"declare who may use these URLs in learning/url_policy.py: {missing}"
    stale = sorted(set(policy.POLICY) - set(OWN_NAMES))
    assert stale == [], f"policy entries for URLs that no longer exist: {stale}"


@pytest.fixture
def world():
    """Real objects for every URL argument, and one user per persona."""
    users = {}
    users[policy.STAFF] = StaffFactory().user
    users[policy.ORGANISER] = UserFactory(duties=[Duty.COURSE_ORGANISER])
    centre, other_centre = CentreFactory(), CentreFactory()
    users[policy.CENTRE_OWN] = centre_staff_user(centre)
    users[policy.CENTRE_OTHER] = centre_staff_user(other_centre)
    users[policy.SUPPORT] = UserFactory(duties=[Duty.SUPPORT_STAFF])
    users[policy.VIEWER] = UserFactory(duties=[Duty.REPORT_VIEWER])
    users[policy.HR] = UserFactory(duties=[Duty.HR])
    users[policy.ADMIN] = UserFactory(is_superuser=True, is_staff=True)
    for persona, user in users.items():
        if persona != policy.STAFF:
            StaffFactory(user=user)
    staff = users[policy.STAFF].staff
    course = CourseFactory(organisers=[users[policy.ORGANISER]])
    session = SessionFactory(course=course)
    registration = RegistrationFactory(
        session=session, staff=staff, status=RegistrationStatus.CONFIRMED
    )
    smartphone_class = SmartphoneClassFactory(centre=centre)
    signup = SignUpFactory(smartphone_class=smartphone_class)
    household = HouseholdFactory()
    from support.models import Loan

    record = SupportRecordFactory(household=household, kind="device_loan")
    loan = Loan.objects.create(
        device=DeviceFactory(),
        household=household,
        support_record=record,
        lent_on=timezone.localdate(),
        due_on=timezone.localdate() + dt.timedelta(days=30),
    )
    today = timezone.localdate()
    roster_job = ImportJob.objects.create(kind="roster", owner=users[policy.HR])
    support_job = ImportJob.objects.create(kind="support_import", owner=users[policy.SUPPORT])
    return {
        "users": users,
        "kwargs": {
            "courses:course": {"code": course.code},
            "courses:new_session": {"code": course.code},
            "courses:session": {"pk": session.pk},
            "courses:register": {"pk": session.pk},
            "courses:organise_session": {"pk": session.pk},
            "courses:walk_in": {"pk": session.pk},
            "courses:session_status": {"pk": session.pk},
            "courses:participants": {"pk": session.pk},
            "courses:cancel_registration": {"pk": registration.pk},
            "courses:personal_feed": {"token": rotate_calendar_token(staff=staff)},
            "courses:compliance_chart": {"fmt": "png"},
            "courses:target_edit": {"fy": 2026, "role": "general"},
            "courses:exemption_remove": {"pk": ExemptionFactory().pk},
            "courses:external_review_decide": {"pk": ExternalTrainingFactory().pk},
            "classes:month": {"year": today.year, "month": today.month},
            "classes:class": {"pk": smartphone_class.pk},
            "classes:class_ics": {"pk": smartphone_class.pk},
            "classes:signup": {"pk": smartphone_class.pk},
            "classes:signup_detail": {"token": cancel_token(signup)},
            "classes:centre": {"slug": centre.slug},
            "classes:centre_feed": {"slug": centre.slug},
            "classes:flyer": {"slug": centre.slug},
            "classes:centre_qr": {"slug": centre.slug},
            "classes:instructor_edit": {"pk": InstructorFactory().pk},
            "classes:manage_class": {"pk": smartphone_class.pk},
            "classes:class_edit": {"pk": smartphone_class.pk},
            "classes:class_cancel": {"pk": smartphone_class.pk},
            "classes:class_print": {"pk": smartphone_class.pk},
            "classes:attendance": {"pk": smartphone_class.pk},
            "classes:signup_add": {"pk": smartphone_class.pk},
            "classes:signup_cancel": {"pk": smartphone_class.pk, "signup_pk": signup.pk},
            "classes:call_done": {"signup_pk": signup.pk},
            "classes:centre_edit": {"slug": centre.slug},
            "classes:status_chart": {"fmt": "png"},
            "support:household": {"pk": household.pk},
            "support:household_edit": {"pk": household.pk},
            "support:household_close": {"pk": household.pk},
            "support:household_reopen": {"pk": household.pk},
            "support:support_add": {"pk": household.pk},
            "support:lend": {"pk": household.pk},
            "support:household_visit": {"pk": household.pk},
            "support:loan_return": {"pk": loan.pk},
            "support:coverage_chart": {"name": "history", "fmt": "png"},
            "yearly_report_chart": {"name": "rates", "fmt": "png"},
            "yearly_report_csv": {"key": "lines"},
            "opendata:csv": {"key": "events"},
            "opendata:json": {"key": "facilities"},
            "opendata:schema": {"key": "support"},
            "courses:roster_import_job": {"pk": roster_job.pk},
            "courses:roster_import_status": {"pk": roster_job.pk},
            "support:import_job": {"pk": support_job.pk},
            "support:import_status": {"pk": support_job.pk},
        },
    }


def verdict(response, persona: str) -> str:
    """'allowed' or 'refused', from the answer a persona got."""
    location = response.get("Location", "")
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302 and "/accounts/login/" in location:
        return "refused" if persona == policy.ANONYMOUS else "allowed-but-sent-to-login"
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return "allowed"


@pytest.mark.parametrize("name", OWN_NAMES)
def test_each_persona_gets_the_answer_the_policy_declares(client, world, name):
    rule = policy.rule_for(name)
    assert rule is not None
    url = reverse(name, kwargs=world["kwargs"].get(name, {}))
    observed = {}
    for persona in policy.PERSONAS:
        client.logout()
        if persona != policy.ANONYMOUS:
            client.force_login(world["users"][persona])
        # Each persona's request is rolled back, so one persona's action (a removal, a
        # cancellation) does not change what the next persona finds.
        with transaction.atomic():
            response = client.post(url, {}) if rule.method == "POST" else client.get(url)
            transaction.set_rollback(True)
        observed[persona] = verdict(response, persona)
    expected = {
        persona: "allowed" if persona in rule.allowed else "refused" for persona in policy.PERSONAS
    }
    assert observed == expected


def test_library_pages_keep_their_own_rules(client, world):
    assert client.get(reverse("account_login")).status_code == 200
    assert "/accounts/login/" in client.get(reverse("mfa_index"))["Location"]
    assert "/admin/login/" in client.get(reverse("admin:index"))["Location"]
    client.force_login(world["users"][policy.HR])
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(world["users"][policy.ADMIN])
    assert client.get(reverse("admin:index")).status_code == 200


FORGED_HEADERS = {
    "HTTP_X_FORWARDED_FOR": "127.0.0.1, 10.0.0.1",
    "HTTP_X_FORWARDED_HOST": "admin.city.example.jp",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_ORIGINAL_URL": "/accounts/login/",
    "HTTP_X_REWRITE_URL": "/accounts/login/",
    "HTTP_FORWARDED": "for=127.0.0.1;proto=https",
}


@pytest.mark.parametrize("name", OWN_NAMES)
def test_forged_forwarding_headers_change_no_answer(client, world, settings, name):
    """Behind the proxy, headers a client may forge (its own X-Forwarded-For, a host, a
    rewritten URL) give every persona the same answer as without them."""
    settings.LEARNING_BEHIND_PROXY = True
    rule = policy.rule_for(name)
    url = reverse(name, kwargs=world["kwargs"].get(name, {}))
    observed = {}
    for persona in policy.PERSONAS:
        client.logout()
        if persona != policy.ANONYMOUS:
            client.force_login(world["users"][persona])
        with transaction.atomic():
            if rule.method == "POST":
                response = client.post(url, {}, **FORGED_HEADERS)
            else:
                response = client.get(url, **FORGED_HEADERS)
            transaction.set_rollback(True)
        observed[persona] = verdict(response, persona)
    expected = {
        persona: "allowed" if persona in rule.allowed else "refused" for persona in policy.PERSONAS
    }
    assert observed == expected
