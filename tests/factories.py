"""Factories shared by the whole suite."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from learning.models import Assignment, Department, Role, Staff


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@city.example.jp")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def duties(self, create, extracted, **kwargs):
        for duty in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=duty)[0])
        if create:
            self.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"部署{n}")


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member with one assignment (``role``, ``department``, ``effective_from``)."""

    class Meta:
        model = Staff
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    employee_id = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Sequence(lambda n: f"職員 {n}")

    @factory.post_generation
    def assignment(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Assignment.objects.create(
            staff=self,
            role=kwargs.get("role", Role.GENERAL),
            department=kwargs.get("department") or DepartmentFactory(),
            effective_from=kwargs.get("effective_from", dt.date(2020, 4, 1)),
        )


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    staff = factory.SubFactory(StaffFactory, assignment=False)
    role = Role.GENERAL
    department = factory.SubFactory(DepartmentFactory)
    effective_from = dt.date(2020, 4, 1)
