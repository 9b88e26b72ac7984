"""Factories for the classes app, built on the shared ones."""

import datetime as dt

import factory
from django.utils import timezone

from classes.models import Centre, Channel, Instructor, SignUp, SmartphoneClass, Topic
from learning.permissions import Duty
from tests.factories import UserFactory


def in_days(days: float, *, hour: int = 10) -> dt.datetime:
    """A Tokyo time ``days`` from today at ``hour`` o'clock."""
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"テスト{n}地区公民館")
    slug = factory.Sequence(lambda n: f"test-centre-{n}")
    kind = Centre.Kind.DISTRICT
    phone = "0299-00-0000"
    address = "茨城県鹿嶋市 1-2-3"


class InstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instructor

    name = factory.Sequence(lambda n: f"講師 {n}")
    qualified_on = dt.date(2023, 6, 1)


class SmartphoneClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmartphoneClass

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"はじめてのスマホ {n}")
    topic = Topic.BASICS
    starts_at = factory.LazyFunction(lambda: in_days(14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "2階 会議室"
    capacity = 12
    description = "電源の入れ方から練習します。"
    what_to_bring = "スマートフォン"


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    smartphone_class = factory.SubFactory(SmartphoneClassFactory)
    number = factory.Sequence(lambda n: f"9{n:03d}-{n:04d}")
    status = SignUp.Status.CONFIRMED
    name = factory.Sequence(lambda n: f"市民 {n}")
    phone = factory.Sequence(lambda n: f"090-0000-{n:04d}")
    channel = Channel.ONLINE
    consent_at = factory.LazyFunction(timezone.now)


def centre_staff_user(*centres):
    """A user with the centre-staff duty who manages ``centres``."""
    user = UserFactory(duties=[Duty.CENTRE_STAFF])
    for centre in centres:
        centre.staff.add(user)
    return user
