"""What counts as a participation (参加), in one place.

A participation in a fiscal year is, dated in that year:
- a session attended (present or late; excused and absent do not count),
- an imported online completion,
- an external training HR approved,
of a course that counts toward the target (an approved external training with no
catalogue course counts: HR approves only training that should). Security training
is judged the same way on security courses, whether or not they count toward the target.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from courses.models import (
    COUNTING_ATTENDANCE,
    Completion,
    ExternalTraining,
    Registration,
    ReviewStatus,
    SessionStatus,
)
from learning import fiscal


def attended_registrations(*, fy: int) -> QuerySet[Registration]:
    return Registration.objects.filter(
        attendance__in=COUNTING_ATTENDANCE,
        session__starts_at__gte=fiscal.start_datetime(fy),
        session__starts_at__lt=fiscal.end_datetime(fy),
    ).exclude(session__status=SessionStatus.CANCELLED)


def completions(*, fy: int) -> QuerySet[Completion]:
    return Completion.objects.filter(
        completed_on__gte=fiscal.first_day(fy), completed_on__lte=fiscal.last_day(fy)
    )


def approved_external(*, fy: int) -> QuerySet[ExternalTraining]:
    return ExternalTraining.objects.filter(
        status=ReviewStatus.APPROVED,
        attended_on__gte=fiscal.first_day(fy),
        attended_on__lte=fiscal.last_day(fy),
    )


def counting(*, fy: int) -> tuple[QuerySet, QuerySet, QuerySet]:
    """The three kinds of participation that count toward the target in ``fy``."""
    return (
        attended_registrations(fy=fy).filter(session__course__counts_toward_target=True),
        completions(fy=fy).filter(course__counts_toward_target=True),
        approved_external(fy=fy).filter(
            Q(course__isnull=True) | Q(course__counts_toward_target=True)
        ),
    )


def security(*, fy: int) -> tuple[QuerySet, QuerySet, QuerySet]:
    """The three kinds of participation in security training in ``fy``."""
    return (
        attended_registrations(fy=fy).filter(session__course__is_security=True),
        completions(fy=fy).filter(course__is_security=True),
        approved_external(fy=fy).filter(course__is_security=True),
    )


def _count_per_staff(queryset: QuerySet) -> Coalesce:
    counted = (
        queryset.filter(staff=OuterRef("pk"))
        .order_by()
        .values("staff")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def participation_count(*, fy: int):
    """An expression for ``Staff`` querysets: participations that count in ``fy``."""
    sessions, online, external = counting(fy=fy)
    return _count_per_staff(sessions) + _count_per_staff(online) + _count_per_staff(external)


def security_done(*, fy: int):
    """An expression for ``Staff`` querysets: completed security training in ``fy``."""
    sessions, online, external = security(fy=fy)
    return (
        Exists(sessions.filter(staff=OuterRef("pk")))
        | Exists(online.filter(staff=OuterRef("pk")))
        | Exists(external.filter(staff=OuterRef("pk")))
    )
