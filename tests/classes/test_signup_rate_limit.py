import pytest
from django.urls import reverse

from classes.models import SignUp
from tests.classes.factories import SmartphoneClassFactory

pytestmark = pytest.mark.django_db


def test_a_flood_of_sign_ups_from_one_address_is_slowed_down_with_a_plain_message(client, settings):
    settings.CLASSES_SIGNUP_RATE = "3/m"
    smartphone_class = SmartphoneClassFactory(capacity=50)
    url = reverse("classes:signup", args=[smartphone_class.pk])
    answers = []
    for number in range(5):
        response = client.post(
            url,
            {
                "name": f"市民 {number}",
                "phone": f"0299-00-{number:04d}",
                "email": "",
                "age_band": "",
                "consent": "on",
            },
        )
        answers.append(response.status_code)
    assert answers[:3] == [302, 302, 302]
    assert answers[3:] == [429, 429]
    body = response.content.decode()
    assert "少し待ってから" in body
    assert 'href="tel:0299000000"' in body  # the centre's number, to call instead
    assert SignUp.objects.count() == 3
