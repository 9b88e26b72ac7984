import datetime as dt

import pytest
import time_machine
from django.db import connection

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO-DATETIME",
        default="",
        help=(
            "run the whole session as if the clock read this instant (it keeps ticking), "
            "e.g. --clock=2027-03-31T23:30+09:00; tests that freeze the clock still do"
        ),
    )


def _clock(value: str) -> dt.datetime:
    try:
        instant = dt.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(f"--clock: not an ISO date and time: {value!r}") from None
    if instant.tzinfo is None:
        raise pytest.UsageError(f"--clock: give the UTC offset, e.g. {value}+09:00")
    return instant


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """``--clock``: travel before the test database is built and any test module is
    imported, so every date the suite computes comes from that instant."""
    value = config.getoption("clock")
    if value:
        traveller = time_machine.travel(_clock(value), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    value = config.getoption("clock")
    return f"clock: {value} (time_machine, ticking)" if value else None


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (row locks across threads) are skipped on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); runs in CI")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_member(db):
    return StaffFactory()


@pytest.fixture
def staff_client(client, staff_member):
    client.force_login(staff_member.user)
    client.staff = staff_member
    return client


def _client_with(client, *duties):
    user = UserFactory(duties=duties)
    StaffFactory(user=user)
    client.force_login(user)
    return client


@pytest.fixture
def hr_client(client, db):
    return _client_with(client, Duty.HR)


@pytest.fixture
def admin_client_(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
