"""What counts as a participation (参加), in one place.

A participation in a fiscal year is, dated in that year and **once its date has come**:
- a session attended (present or late; excused and absent do not count; never a
  cancelled session),
- an imported online completion,
- an external training HR approved,
of a course that counts toward the target (an approved external training with no
catalogue course counts: HR approves only training that should). Security training is
judged the same way on security courses, whether or not they count toward the target.

Every page, export, report and command reads participations through this module:
``figures`` (grouped per person: HR's compliance rows, the yearly report, the forecast,
the reminders) and ``records`` (one person's list: My training, the person page). Both
are built from the same ``SOURCES``, so they cannot disagree; a property test checks it.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import connections
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import (
    COUNTING_ATTENDANCE,
    Completion,
    CourseKind,
    ExternalTraining,
    Registration,
    ReviewStatus,
    SessionStatus,
)
from learning import fiscal


@dataclass(frozen=True)
class Source:
    """One kind of participation: where it is stored and what makes it count."""

    key: str  # "session" | "online" | "external"
    label: str
    model: type
    date: str  # lookup of the day it happened (a datetime for sessions)
    title: str  # lookup of what to call it
    course: str  # lookup of the catalogue course id (may be empty for external training)
    rule: Q  # the kind's own condition (attendance, review)
    counts: Q  # ... and toward the target
    security: Q  # ... and as security training

    def rows(self, *, fy: int, now: dt.datetime) -> QuerySet:
        """The rows that are participations in ``fy`` by ``now``."""
        if self.date.endswith("starts_at"):
            start, end = fiscal.start_datetime(fy), fiscal.end_datetime(fy)
            dated = Q(**{f"{self.date}__gte": start, f"{self.date}__lt": end})
            happened = Q(**{f"{self.date}__lte": now})
        else:
            dated = Q(**{f"{self.date}__gte": fiscal.first_day(fy)}) & Q(
                **{f"{self.date}__lte": fiscal.last_day(fy)}
            )
            happened = Q(**{f"{self.date}__lte": timezone.localdate(now, fiscal.TOKYO)})
        return self.model.objects.filter(self.rule, dated, happened)


SOURCES = (
    Source(
        key="session",
        label=CourseKind.SESSION.label,
        model=Registration,
        date="session__starts_at",
        title="session__course__title",
        course="session__course_id",
        rule=Q(attendance__in=COUNTING_ATTENDANCE) & ~Q(session__status=SessionStatus.CANCELLED),
        counts=Q(session__course__counts_toward_target=True),
        security=Q(session__course__is_security=True),
    ),
    Source(
        key="online",
        label=CourseKind.ONLINE.label,
        model=Completion,
        date="completed_on",
        title="course__title",
        course="course_id",
        rule=Q(),
        counts=Q(course__counts_toward_target=True),
        security=Q(course__is_security=True),
    ),
    Source(
        key="external",
        label=_("Approved external training"),
        model=ExternalTraining,
        date="attended_on",
        title="title",
        course="course_id",
        rule=Q(status=ReviewStatus.APPROVED),
        counts=Q(course__isnull=True) | Q(course__counts_toward_target=True),
        security=Q(course__is_security=True),
    ),
)


def _fetch(queryset) -> list[tuple]:
    """The rows of a ``values_list`` queryset straight from the cursor: its columns are
    integers and booleans, which need none of the per-value converters the ORM would run
    on every one of tens of thousands of rows."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def figures(*, fy: int, now: dt.datetime | None = None) -> tuple[Counter, set[int]]:
    """Per staff id, the participations that count in ``fy``, and the ids of staff who
    did security training in ``fy``: one grouped query per source."""
    now = now or timezone.now()
    counts: Counter = Counter()
    done: set[int] = set()
    for source in SOURCES:
        grouped = (
            source.rows(fy=fy, now=now)
            .order_by()
            .values("staff_id")
            .annotate(n=Count("pk", filter=source.counts), s=Count("pk", filter=source.security))
            .values_list("staff_id", "n", "s")
        )
        for staff_id, number, security_number in _fetch(grouped):
            if number:
                counts[staff_id] += number
            if security_number:
                done.add(staff_id)
    return counts, done


@dataclass(frozen=True)
class Record:
    """One participation of one person, as My training and the person page list it."""

    date: dt.date
    title: str
    source: str  # Source.key
    source_label: str
    counts: bool
    security: bool
    course_id: int | None


def records(*, fy: int, staff_id: int, now: dt.datetime | None = None) -> list[Record]:
    """One person's participations in ``fy`` (counting or not toward the target), by date:
    one query per source."""
    now = now or timezone.now()
    items: list[Record] = []
    for source in SOURCES:
        rows = (
            source.rows(fy=fy, now=now)
            .filter(staff_id=staff_id)
            .annotate(
                _counts=ExpressionWrapper(source.counts, output_field=BooleanField()),
                _security=ExpressionWrapper(source.security, output_field=BooleanField()),
                _date=F(source.date),
                _title=F(source.title),
                _course=F(source.course),
            )
            .values_list("_date", "_title", "_counts", "_security", "_course")
        )
        for day, title, counts, security, course_id in rows:
            if isinstance(day, dt.datetime):
                day = timezone.localtime(day, fiscal.TOKYO).date()
            items.append(
                Record(day, title, source.key, str(source.label), counts, security, course_id)
            )
    items.sort(key=lambda record: (record.date, record.title))
    return items
