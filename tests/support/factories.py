"""Factories for the support app, built on the suite's shared ones."""

import datetime as dt

import factory

from support.models import (
    AccessPlace,
    Device,
    DeviceKind,
    District,
    Household,
    HouseholdStatus,
    SupportKind,
    SupportRecord,
)
from tests.factories import StaffFactory, UserFactory  # noqa: F401  (re-exported for tests)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"地区{n}")
    position = factory.Sequence(lambda n: n)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    reference = factory.Sequence(lambda n: f"T{n:05d}")
    district = factory.SubFactory(DistrictFactory)
    members = 2
    identified_on = dt.date(2023, 6, 1)
    reason_no_device = True
    consent_recorded = True
    contact_name = factory.Sequence(lambda n: f"市民 {n}")
    phone = "0299-00-0000"
    address = "茨城県鹿嶋市"


class ClosedHouseholdFactory(HouseholdFactory):
    status = HouseholdStatus.CLOSED
    closed_reason = "moved_away"
    closed_on = dt.date(2024, 6, 1)


class SupportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRecord

    household = factory.SubFactory(HouseholdFactory)
    date = dt.date(2023, 7, 1)
    kind = SupportKind.CONNECTION


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device

    asset_tag = factory.Sequence(lambda n: f"DX-{n:04d}")
    kind = DeviceKind.TABLET
    description = "Tablet 10inch"


class AccessPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessPlace
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"ICTひろば{n}")
