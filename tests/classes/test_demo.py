"""The demo data: every centre, instructors, training, classes in every year; safe to rerun."""

import io

import pytest
from django.core.management import call_command

from classes.models import Centre, Instructor, InstructorTraining, SignUp, SmartphoneClass
from classes.selectors import status_report
from learning.demo import demo_years

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_classes_once_and_gives_the_centre_account_its_centres():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        SmartphoneClass.objects.count(),
        SignUp.objects.count(),
        InstructorTraining.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        SmartphoneClass.objects.count(),
        SignUp.objects.count(),
        InstructorTraining.objects.count(),
    ) == counts
    assert Centre.objects.filter(kind="central").count() == 1
    assert Centre.objects.filter(kind="district").count() == 9
    assert Centre.objects.filter(staff__email="centre@city.example.jp").count() == 3
    assert Instructor.objects.filter(staff__isnull=False).exists()
    assert Instructor.objects.filter(qualified_on__isnull=True).exists()
    statuses = set(SmartphoneClass.objects.values_list("status", flat=True))
    assert statuses == {"held", "scheduled", "cancelled"}
    assert SmartphoneClass.objects.filter(status="cancelled").count() == 1
    for fy in demo_years()[:-1]:
        report = status_report(fiscal_year=fy)
        assert report.held >= report.target > 0
        assert report.participants > 0
    assert SignUp.objects.filter(attended=True).exists()
