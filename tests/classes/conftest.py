import pytest

from tests.classes.factories import CentreFactory, SmartphoneClassFactory, centre_staff_user


@pytest.fixture
def centre(db):
    return CentreFactory()


@pytest.fixture
def smartphone_class(centre):
    return SmartphoneClassFactory(centre=centre)


@pytest.fixture
def centre_client(client, centre):
    user = centre_staff_user(centre)
    client.force_login(user)
    client.user = user
    return client
