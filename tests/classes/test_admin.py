"""The admin pages for centres, targets, instructors, trainings and classes open."""

import pytest
from django.urls import reverse

from tests.classes.factories import InstructorFactory, SmartphoneClassFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["centre", "classtarget", "instructor", "instructortraining", "smartphoneclass"]
)
def test_admin_lists_and_add_pages_open(admin_client_, model):
    SmartphoneClassFactory()
    InstructorFactory()
    assert admin_client_.get(reverse(f"admin:classes_{model}_changelist")).status_code == 200


def test_classes_are_read_only_in_the_admin(admin_client_):
    c = SmartphoneClassFactory()
    assert admin_client_.get(reverse("admin:classes_smartphoneclass_add")).status_code == 403
    assert (
        admin_client_.get(reverse("admin:classes_smartphoneclass_change", args=[c.pk])).status_code
        == 200
    )
