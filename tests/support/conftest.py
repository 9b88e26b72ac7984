import pytest

from learning.permissions import Duty
from tests.factories import StaffFactory, UserFactory


def _login(client, *duties):
    user = UserFactory(duties=duties)
    StaffFactory(user=user)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def support_client(client, db):
    return _login(client, Duty.SUPPORT_STAFF)


@pytest.fixture
def viewer_client(client, db):
    return _login(client, Duty.REPORT_VIEWER)


@pytest.fixture
def other_staff_client(client, db):
    """A staff member with other duties (HR, centre staff), but not support staff."""
    return _login(client, Duty.HR, Duty.CENTRE_STAFF)


@pytest.fixture
def centre_staff_client(client, db):
    """A staff member whose only duty is a community centre's."""
    return _login(client, Duty.CENTRE_STAFF)
