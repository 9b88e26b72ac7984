import pytest
from django.db import connection

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory


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
