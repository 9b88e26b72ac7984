"""Reads for the public pages, the calendars, centre staff and the status report."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from classes.models import (
    Centre,
    ClassTarget,
    Instructor,
    InstructorTraining,
    PhoneCall,
    SignUp,
    SmartphoneClass,
)
from classes.models.smartphone_class import counted_classes
from learning import fiscal

FEED_DAYS_BACK = 90
CANCELLED_KEPT_DAYS = 30

CONFIRMED = Q(signups__status=SignUp.Status.CONFIRMED)
WAITING = Q(signups__status=SignUp.Status.WAITING)


def with_seat_counts(queryset: QuerySet[SmartphoneClass]) -> QuerySet[SmartphoneClass]:
    """``seats_taken`` and ``seats_waiting`` on each class, in the same query: sums of the
    sign-ups' party sizes (a sign-up for two takes two seats), as
    ``services.signups.seat_counts`` counts them under the lock."""
    return queryset.annotate(
        seats_taken=Coalesce(Sum("signups__party_size", filter=CONFIRMED), 0),
        seats_waiting=Coalesce(Sum("signups__party_size", filter=WAITING), 0),
    )


def public_classes() -> QuerySet[SmartphoneClass]:
    return SmartphoneClass.objects.filter(published=True).select_related("centre")


def public_centres() -> QuerySet[Centre]:
    return Centre.objects.all()


def centres_with_towns() -> QuerySet[Centre]:
    """Every centre with the towns it serves (two queries, however many)."""
    return public_centres().prefetch_related("towns")


def upcoming_classes(
    *,
    centre: Centre | None = None,
    now: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[SmartphoneClass]:
    """Published classes that have not ended, cancelled ones included (shown as such)."""
    now = now or timezone.now()
    queryset = public_classes().filter(ends_at__gt=now)
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    if until is not None:
        queryset = queryset.filter(starts_at__lt=until)
    return with_seat_counts(queryset).order_by("starts_at", "pk")


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The first instant of the month and of the next one, Asia/Tokyo."""
    start = dt.datetime(year, month, 1, tzinfo=fiscal.TOKYO)
    days = calendar.monthrange(year, month)[1]
    return start, start + dt.timedelta(days=days)


def month_classes(
    *, year: int, month: int, centre: Centre | None = None
) -> QuerySet[SmartphoneClass]:
    start, end = month_bounds(year, month)
    queryset = public_classes().filter(starts_at__gte=start, starts_at__lt=end)
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    return with_seat_counts(queryset).order_by("starts_at", "pk")


def public_class(*, pk: int) -> SmartphoneClass:
    """A published class with its seat counts, or 404."""
    found = with_seat_counts(public_classes().filter(pk=pk)).first()
    if found is None:
        raise Http404
    return found


def feed_classes(*, centre: Centre | None = None, now: dt.datetime | None = None):
    """What a calendar feed shows: published classes from 90 days back onwards; a
    cancelled class until 30 days after its date."""
    now = now or timezone.now()
    queryset = public_classes().filter(starts_at__gte=now - dt.timedelta(days=FEED_DAYS_BACK))
    queryset = queryset.exclude(
        status=SmartphoneClass.Status.CANCELLED,
        starts_at__lt=now - dt.timedelta(days=CANCELLED_KEPT_DAYS),
    )
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    return queryset.order_by("starts_at", "pk")


def feed_version(queryset: QuerySet[SmartphoneClass]) -> tuple[str, dt.datetime | None]:
    """(a fingerprint of every class in a feed, the latest change) in one light query,
    without loading the classes: enough to answer 304 or find the cached bytes.

    The fingerprint changes when a class changes, joins or leaves the feed's window."""
    rows = list(
        queryset.values_list(
            "pk", "sequence", "updated_at", "centre__name", "centre__address", "centre__phone"
        )
    )
    latest = max((row[2] for row in rows), default=None)
    # The centre's name, address and phone are in each event too (LOCATION, DESCRIPTION).
    fingerprint = ";".join(
        f"{pk}.{sequence}.{changed.timestamp()}.{name}.{address}.{phone}"
        for pk, sequence, changed, name, address, phone in rows
    )
    return fingerprint, latest


def participant_list(*, smartphone_class: SmartphoneClass) -> dict[str, list[SignUp]]:
    """Sign-ups by status, each in sign-up order (the waiting list's order)."""
    groups: dict[str, list[SignUp]] = {status: [] for status in SignUp.Status.values}
    for signup in smartphone_class.signups.order_by("created_at", "pk"):
        groups[signup.status].append(signup)
    return groups


# The daily call list -------------------------------------------------------------------


@dataclass
class CallRow:
    """A citizen without e-mail to phone today, why, and the ticks already made."""

    signup: SignUp
    reasons: list[str]  # PhoneCall.Reason values
    calls: dict[str, PhoneCall]

    @property
    def done(self) -> bool:
        return all(reason in self.calls for reason in self.reasons)

    @property
    def ticks(self) -> list[PhoneCall]:
        return [self.calls[reason] for reason in self.reasons if reason in self.calls]


def call_list(*, centres: QuerySet[Centre], day: dt.date) -> list[CallRow]:
    """Who the centres must phone on ``day`` (Asia/Tokyo): people without e-mail who moved
    up from the waiting list (until their move is ticked; ticks of that day stay on the
    list) and people without e-mail whose class is the next day. In class order, two
    queries however long the list."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=fiscal.TOKYO)
    tomorrow, after = start + dt.timedelta(days=1), start + dt.timedelta(days=2)
    called_before = PhoneCall.objects.filter(
        signup=OuterRef("pk"), reason=PhoneCall.Reason.PROMOTED, called_at__lt=start
    )
    promoted = Q(promoted_at__lt=tomorrow, smartphone_class__starts_at__gte=start) & ~Q(
        Exists(called_before)
    )
    class_tomorrow = Q(
        smartphone_class__starts_at__gte=tomorrow, smartphone_class__starts_at__lt=after
    )
    signups = (
        SignUp.objects.filter(
            smartphone_class__centre__in=centres,
            smartphone_class__status=SmartphoneClass.Status.SCHEDULED,
            status=SignUp.Status.CONFIRMED,
            email="",
            erased_at__isnull=True,
        )
        .filter(promoted | class_tomorrow)
        .select_related("smartphone_class__centre")
        .prefetch_related(
            Prefetch("calls", queryset=PhoneCall.objects.select_related("called_by__staff"))
        )
        .order_by("smartphone_class__starts_at", "smartphone_class__pk", "created_at", "pk")
    )
    rows = []
    for signup in signups:
        calls = {call.reason: call for call in signup.calls.all()}
        reasons = []
        promoted_call = calls.get(PhoneCall.Reason.PROMOTED)
        if (
            signup.promoted_at is not None
            and signup.promoted_at < tomorrow
            and (promoted_call is None or promoted_call.called_at >= start)
        ):
            reasons.append(PhoneCall.Reason.PROMOTED)
        if tomorrow <= signup.smartphone_class.starts_at < after:
            reasons.append(PhoneCall.Reason.REMINDER)
        rows.append(CallRow(signup=signup, reasons=reasons, calls=calls))
    return rows


# Status report ------------------------------------------------------------------------

FIRST_TARGET_YEAR = 2023  # FY2022 (令和4年度) was preparation: no target by design


@dataclass
class CentreStatus:
    centre: Centre
    target: int
    held: int = 0
    scheduled: int = 0
    cancelled: int = 0
    participants: int = 0
    trainings: int = 0

    @property
    def met(self) -> bool:
        return self.held >= self.target

    @property
    def remaining(self) -> int:
        return max(self.target - self.held, 0)


@dataclass
class StatusReport:
    fiscal_year: int
    rows: list[CentreStatus] = field(default_factory=list)
    trainings_total: int = 0
    # A year from the first target year on that nobody has set class targets for yet.
    targets_missing: bool = False

    @property
    def target(self) -> int:
        return sum(row.target for row in self.rows)

    @property
    def held(self) -> int:
        return sum(row.held for row in self.rows)

    @property
    def participants(self) -> int:
        return sum(row.participants for row in self.rows)

    @property
    def centres_meeting_target(self) -> int:
        return sum(1 for row in self.rows if row.target and row.met)

    @property
    def centres_with_target(self) -> int:
        return sum(1 for row in self.rows if row.target)


def status_report(*, fiscal_year: int) -> StatusReport:
    """Per centre for one fiscal year: classes held against the target (a class counts when
    it was held and its attendance recorded), participants in those classes (present
    sign-ups plus people who came without signing up) and instructor trainings held."""
    start, end = fiscal.start_datetime(fiscal_year), fiscal.end_datetime(fiscal_year)
    targets = dict(
        ClassTarget.objects.filter(fiscal_year=fiscal_year).values_list(
            "centre_kind", "classes_per_centre"
        )
    )
    in_year = SmartphoneClass.objects.filter(starts_at__gte=start, starts_at__lt=end)
    counted = counted_classes()
    classes = {
        row["centre"]: row
        for row in in_year.values("centre").annotate(
            held=Count("pk", filter=counted),
            scheduled=Count("pk", filter=Q(status=SmartphoneClass.Status.SCHEDULED)),
            cancelled=Count("pk", filter=Q(status=SmartphoneClass.Status.CANCELLED)),
            walk_ins=Sum("walk_ins", filter=counted),
        )
    }
    # A sign-up for two who came is two participants.
    present = dict(
        SignUp.objects.filter(
            smartphone_class__in=in_year.counted(),
            status=SignUp.Status.CONFIRMED,
            attended=True,
        )
        .values("smartphone_class__centre")
        .annotate(n=Sum("party_size"))
        .values_list("smartphone_class__centre", "n")
    )
    trainings = InstructorTraining.objects.filter(
        held_on__gte=fiscal.first_day(fiscal_year), held_on__lte=fiscal.last_day(fiscal_year)
    )
    trainings_by_centre = dict(
        trainings.filter(centre__isnull=False)
        .values("centre")
        .annotate(n=Count("pk"))
        .values_list("centre", "n")
    )
    report = StatusReport(
        fiscal_year=fiscal_year,
        trainings_total=trainings.count(),
        targets_missing=not targets and fiscal_year >= FIRST_TARGET_YEAR,
    )
    for centre in Centre.objects.all():
        row = classes.get(centre.pk, {})
        report.rows.append(
            CentreStatus(
                centre=centre,
                target=targets.get(centre.kind, 0),
                held=row.get("held", 0),
                scheduled=row.get("scheduled", 0),
                cancelled=row.get("cancelled", 0),
                participants=present.get(centre.pk, 0) + (row.get("walk_ins") or 0),
                trainings=trainings_by_centre.get(centre.pk, 0),
            )
        )
    return report


def instructors_with_trainings() -> list[Instructor]:
    """Every instructor with the trainings attended (two queries)."""
    return list(
        Instructor.objects.select_related("staff")
        .prefetch_related("trainings")
        .order_by("-active", "name")
    )


def recent_trainings(*, limit: int = 20) -> QuerySet[InstructorTraining]:
    return (
        InstructorTraining.objects.select_related("centre")
        .annotate(attendee_count=Count("attendees"))
        .order_by("-held_on", "pk")[:limit]
    )
