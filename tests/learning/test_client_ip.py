"""Behind the TLS proxy every request comes from the proxy's address: the login limits, the
sign-up limit and the audit log must see the client, and a forged X-Forwarded-For must
not let a client pass for someone else."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from learning.clientip import client_ip
from learning.permissions import Duty
from support.models import AuditEntry
from tests.classes.factories import SmartphoneClassFactory
from tests.factories import UserFactory
from tests.support.factories import HouseholdFactory

PROXY = "127.0.0.1"
CLIENT_A, CLIENT_B = "203.0.113.10", "198.51.100.20"


def through_proxy(client_address: str, forged: str = "") -> dict:
    """What the proxy passes on: the client's own header (if any), then its address."""
    header = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": header}


@pytest.fixture
def behind_proxy(settings):
    settings.LEARNING_BEHIND_PROXY = True
    settings.LEARNING_TRUSTED_PROXY_COUNT = 1
    return settings


def ip_of(**meta) -> str | None:
    return client_ip(RequestFactory().get("/", **meta))


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.LEARNING_BEHIND_PROXY = False
    assert ip_of(REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR="6.6.6.6") == CLIENT_A


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (1, CLIENT_A, CLIENT_A),
        (1, f"6.6.6.6, {CLIENT_A}", CLIENT_A),  # what the client wrote stays on the left
        (1, f"6.6.6.6,1.1.1.1,  {CLIENT_A}", CLIENT_A),
        (2, f"6.6.6.6, {CLIENT_A}, 10.0.0.2", CLIENT_A),  # two proxies: second from the right
        (2, CLIENT_A, PROXY),  # fewer hops than proxies: not through them all
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, f"{CLIENT_A}:51234", CLIENT_A),
        (1, "[2001:DB8::1]:443", "2001:db8::1"),
        (1, "2001:DB8:0::1", "2001:db8::1"),
    ],
)
def test_behind_the_proxy_the_client_is_counted_from_the_right(
    behind_proxy, count, header, expected
):
    behind_proxy.LEARNING_TRUSTED_PROXY_COUNT = count
    assert ip_of(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header) == expected


@pytest.mark.django_db
def test_failed_logins_are_limited_per_client_whatever_it_forges(client, behind_proxy):
    # Different accounts each time, so only the per-address limit (10 a minute) applies.
    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"guess{n}@city.example.jp", "password": "wrong"},
            **through_proxy(CLIENT_A, forged=f"10.9.8.{n}"),
        )
    UserFactory(email="someone@city.example.jp")
    good = {"login": "someone@city.example.jp", "password": "correct-horse-battery"}
    refused = client.post(
        reverse("account_login"), good, **through_proxy(CLIENT_A, forged="10.9.8.99")
    )
    assert refused.status_code in (200, 429)  # the form again, with allauth's message
    assert "_auth_user_id" not in client.session
    # Another citizen behind the same proxy is not locked out by the first one.
    allowed = client.post(reverse("account_login"), good, **through_proxy(CLIENT_B))
    assert allowed.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_sign_up_limit_counts_each_client_behind_the_proxy(client, behind_proxy):
    behind_proxy.CLASSES_SIGNUP_RATE = "3/m"
    smartphone_class = SmartphoneClassFactory(capacity=50)
    url = reverse("classes:signup", args=[smartphone_class.pk])

    def post(n: int, **meta):
        data = {"name": f"市民{n}", "phone": f"090-0000-00{n:02d}", "consent": "on"}
        return client.post(url, data, **meta)

    assert [
        post(n, **through_proxy(CLIENT_A, forged=f"10.0.0.{n}")).status_code for n in range(3)
    ] == [
        302,
        302,
        302,
    ]
    assert post(3, **through_proxy(CLIENT_A, forged="10.0.0.3")).status_code == 429
    assert post(4, **through_proxy(CLIENT_B)).status_code == 302


@pytest.mark.django_db
def test_the_audit_log_records_the_client_behind_the_proxy(client, behind_proxy):
    client.force_login(UserFactory(duties=[Duty.SUPPORT_STAFF]))
    household = HouseholdFactory()
    client.get(
        reverse("support:household", args=[household.pk]),
        **through_proxy(CLIENT_A, forged="6.6.6.6"),
    )
    assert AuditEntry.objects.get().ip_address == CLIENT_A
