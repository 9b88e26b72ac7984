"""Factories for training records: courses, sessions, registrations, completions,
external training, targets and exemptions. Staff come from ``tests.factories``.

Dates are aware datetimes in Asia/Tokyo. ``SessionFactory`` builds a scheduled
session a week ahead by default, with a registration deadline two days and a
cancellation deadline one day before it starts; pass ``starts_at`` and the rest follows.
"""

import datetime as dt

import factory
from django.utils import timezone

from courses.models import (
    Attendance,
    Completion,
    Course,
    CourseKind,
    Exemption,
    ExternalTraining,
    Registration,
    RegistrationStatus,
    ReviewStatus,
    Session,
    SessionStatus,
    Target,
)
from learning.fiscal import TOKYO, current_fiscal_year
from tests.factories import StaffFactory


def _next_week_at_ten() -> dt.datetime:
    day = timezone.localdate(timezone=TOKYO) + dt.timedelta(days=7)
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=TOKYO)


class CourseFactory(factory.django.DjangoModelFactory):
    """A city-held course that counts toward the target and is not security training."""

    class Meta:
        model = Course
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"C{n:04d}")
    title = factory.Sequence(lambda n: f"研修 {n}")
    description = ""
    kind = CourseKind.SESSION
    counts_toward_target = True
    is_security = False
    recommended_roles = factory.LazyFunction(list)

    @factory.post_generation
    def competencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.competencies.set(extracted)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.set(extracted)


class SecurityCourseFactory(CourseFactory):
    title = factory.Sequence(lambda n: f"情報セキュリティ研修 {n}")
    is_security = True


class OnlineCourseFactory(CourseFactory):
    kind = CourseKind.ONLINE


class SessionFactory(factory.django.DjangoModelFactory):
    """A scheduled session (default: next week, 10:00–12:00 Tokyo, 20 seats)."""

    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(_next_week_at_ten)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "本庁舎 3階 研修室"
    online_url = ""
    capacity = 20
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=2))
    cancellation_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=1))
    status = SessionStatus.SCHEDULED


class HeldSessionFactory(SessionFactory):
    """A session that took place (pass ``starts_at`` in the past)."""

    status = SessionStatus.HELD


def session_at(year: int, month: int, day: int, hour: int = 10, **kwargs) -> Session:
    """A session starting at ``hour`` o'clock Tokyo time on the given day."""
    return SessionFactory(starts_at=dt.datetime(year, month, day, hour, tzinfo=TOKYO), **kwargs)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration; pass ``attendance=Attendance.PRESENT`` for one attended."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    staff = factory.SubFactory(StaffFactory)
    status = RegistrationStatus.CONFIRMED
    requested_at = factory.LazyAttribute(
        lambda o: o.session.registration_deadline - dt.timedelta(days=5)
    )
    attendance = ""

    class Params:
        attended = factory.Trait(attendance=Attendance.PRESENT)
        waiting = factory.Trait(status=RegistrationStatus.WAITING)


class CompletionFactory(factory.django.DjangoModelFactory):
    """An imported online completion."""

    class Meta:
        model = Completion

    staff = factory.SubFactory(StaffFactory)
    course = factory.SubFactory(OnlineCourseFactory)
    completed_on = factory.LazyFunction(lambda: timezone.localdate(timezone=TOKYO))


class ExternalTrainingFactory(factory.django.DjangoModelFactory):
    """An external training report, pending HR's review unless ``status`` says otherwise."""

    class Meta:
        model = ExternalTraining

    staff = factory.SubFactory(StaffFactory)
    course = None
    title = factory.Sequence(lambda n: f"外部研修 {n}")
    provider = "県市町村職員研修センター"
    attended_on = factory.LazyFunction(lambda: timezone.localdate(timezone=TOKYO))
    note = ""
    status = ReviewStatus.PENDING

    class Params:
        approved = factory.Trait(
            status=ReviewStatus.APPROVED, reviewed_at=factory.LazyFunction(timezone.now)
        )
        rejected = factory.Trait(
            status=ReviewStatus.REJECTED, reviewed_at=factory.LazyFunction(timezone.now)
        )


class TargetFactory(factory.django.DjangoModelFactory):
    """A yearly target; the plan's years (FY2022–FY2026) already have them from a migration,
    so an existing (year, role) row is reused and updated to the values given."""

    class Meta:
        model = Target
        django_get_or_create = ("fiscal_year", "role")

    fiscal_year = 2030
    role = "general"
    participations_required = 1
    security_required = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        changed = [
            name
            for name in ("participations_required", "security_required")
            if getattr(obj, name) != kwargs[name]
        ]
        for name in changed:
            setattr(obj, name, kwargs[name])
        if changed:
            obj.save(update_fields=changed)
        return obj


class ExemptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exemption

    staff = factory.SubFactory(StaffFactory)
    fiscal_year = factory.LazyFunction(current_fiscal_year)
    reason = "育児休業"
