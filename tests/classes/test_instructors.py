"""Instructors and instructor training, kept by centre staff."""

import datetime as dt

import pytest
from django.urls import reverse

from classes.models import Instructor, InstructorTraining
from classes.services.classes import unqualified_instructor_warning
from tests.classes.factories import InstructorFactory
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_qualification_is_judged_on_the_day_of_the_class():
    instructor = InstructorFactory(qualified_on=dt.date(2025, 6, 1))
    assert unqualified_instructor_warning(instructors=[instructor], day=dt.date(2025, 6, 1)) is None
    assert unqualified_instructor_warning(instructors=[instructor], day=dt.date(2025, 5, 31))
    assert "講師がまだ決まっていません" in unqualified_instructor_warning(
        instructors=[], day=dt.date(2025, 6, 1)
    )


def test_staff_add_a_volunteer_and_a_staff_instructor(centre_client):
    staff = StaffFactory(name="職員 講師")
    centre_client.post(
        reverse("classes:instructor_create"), {"name": "ボランティア 花子", "active": "on"}
    )
    centre_client.post(
        reverse("classes:instructor_create"),
        {"name": "職員 講師", "staff": staff.pk, "qualified_on": "2024-06-01", "active": "on"},
    )
    volunteer = Instructor.objects.get(name="ボランティア 花子")
    colleague = Instructor.objects.get(name="職員 講師")
    assert volunteer.is_volunteer and volunteer.qualified_on is None
    assert colleague.staff == staff and colleague.qualified_on == dt.date(2024, 6, 1)
    body = centre_client.get(reverse("classes:instructors")).content.decode()
    assert "ボランティア 花子" in body and "講師養成未修了" in body


def test_a_training_that_completes_the_course_qualifies_its_attendees(centre_client, centre):
    new = InstructorFactory(qualified_on=None)
    old = InstructorFactory(qualified_on=dt.date(2023, 6, 1))
    response = centre_client.post(
        reverse("classes:training_create"),
        {
            "title": "講師養成講座",
            "held_on": "2025-06-20",
            "centre": centre.pk,
            "attendees": [new.pk, old.pk],
            "qualifies": "on",
        },
    )
    assert response.status_code == 302
    training = InstructorTraining.objects.get()
    assert set(training.attendees.all()) == {new, old}
    new.refresh_from_db()
    old.refresh_from_db()
    assert new.qualified_on == dt.date(2025, 6, 20)
    assert old.qualified_on == dt.date(2023, 6, 1)


@pytest.mark.parametrize(
    "data", [{"title": "", "held_on": "2025-06-20"}, {"title": "x", "held_on": "someday"}]
)
def test_bad_training_input_is_a_form_error(centre_client, data):
    response = centre_client.post(reverse("classes:training_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not InstructorTraining.objects.exists()


def test_a_training_cannot_be_placed_at_another_centre(centre_client):
    from tests.classes.factories import CentreFactory

    response = centre_client.post(
        reverse("classes:training_create"),
        {"title": "x", "held_on": "2025-06-20", "centre": CentreFactory().pk},
    )
    assert "centre" in response.context["form"].errors


def test_instructor_pages_need_the_centre_duty(client):
    assert client.get(reverse("classes:instructors")).status_code == 302
    assert client.get(reverse("classes:instructor_edit", kwargs={"pk": 1})).status_code == 302
