"""What one staff member sees on "My training" for a fiscal year."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from courses.models import (
    Competency,
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
from courses.selectors import participations
from learning import fiscal
from learning.directory.selectors import assignment_on
from learning.models import Staff


@dataclass
class TrainingRecord:
    fy: int
    role: str | None
    role_label: str
    department: str
    target: int | None
    security_required: bool
    participations: list[participations.Record]
    security_done: bool
    exemption: Exemption | None
    competencies: list[tuple[Competency, bool]] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return sum(1 for p in self.participations if p.counts)

    @property
    def met(self) -> bool:
        """The same rule as the HR compliance page (participations, and security when required)."""
        from courses.selectors.compliance import meets_target

        return meets_target(
            participations=self.counted,
            required=self.target,
            security_required=self.security_required,
            security_done=self.security_done,
        )

    @property
    def missing(self) -> int:
        return max((self.target or 0) - self.counted, 0)

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, round(100 * self.counted / self.target))


def training_record(*, staff: Staff, fy: int) -> TrainingRecord:
    """Participations against target, security, and the role's competencies trained in ``fy``."""
    on = fiscal.reference_day(fy)
    assignment = assignment_on(staff=staff, on=on)
    role = assignment.role if assignment else None
    target = Target.objects.filter(fiscal_year=fy, role=role).first() if role else None

    items = participations.records(fy=fy, staff_id=staff.pk)
    course_ids = {item.course_id for item in items if item.course_id}

    trained = set(Competency.objects.filter(courses__in=course_ids).values_list("pk", flat=True))
    own = Competency.objects.filter(Q(role="") | Q(role=role or "-"))
    return TrainingRecord(
        fy=fy,
        role=role,
        role_label=assignment.get_role_display() if assignment else "",
        department=assignment.department.name if assignment else "",
        target=target.participations_required if target else None,
        security_required=target.security_required if target else True,
        participations=items,
        security_done=any(p.security for p in items),
        exemption=Exemption.objects.filter(staff=staff, fiscal_year=fy).first(),
        competencies=[(competency, competency.pk in trained) for competency in own],
    )


def upcoming_registrations(*, staff: Staff) -> list[Registration]:
    return list(
        Registration.objects.filter(
            staff=staff,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
            session__ends_at__gte=timezone.now(),
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__course")
        .order_by("session__starts_at")
    )


def open_sessions(*, now: dt.datetime | None = None):
    """Sessions anyone can still register for, soonest first."""
    now = now or timezone.now()
    return (
        Session.objects.filter(
            status=SessionStatus.SCHEDULED,
            registration_deadline__gte=now,
            course__kind=CourseKind.SESSION,
            course__active=True,
        )
        .select_related("course")
        .order_by("starts_at")
    )


def suggested_sessions(*, staff: Staff, record: TrainingRecord, limit: int = 5) -> list[Session]:
    """Open sessions in the year that would cover what is missing: security training first
    if not done, then courses building the role's untrained competencies, then any course
    that counts while the target is not met."""
    if record.fy != fiscal.current_fiscal_year():
        return []
    registered = Registration.objects.filter(staff=staff).exclude(
        status=RegistrationStatus.CANCELLED
    )
    sessions = (
        open_sessions()
        .filter(starts_at__lt=fiscal.end_datetime(record.fy))
        .exclude(pk__in=registered.values("session"))
    )
    missing_competencies = [c.pk for c, done in record.competencies if not done]
    wanted = Q(course__competencies__in=missing_competencies)
    if not record.security_done:
        wanted |= Q(course__is_security=True)
    if not record.met:
        wanted |= Q(course__counts_toward_target=True)
    candidates = list(sessions.filter(wanted).distinct()[:50])
    candidates.sort(
        key=lambda s: (not (s.course.is_security and not record.security_done), s.starts_at)
    )
    return candidates[:limit]


def pending_external(*, staff: Staff) -> list[ExternalTraining]:
    return list(
        staff.external_trainings.filter(status=ReviewStatus.PENDING).order_by("-attended_on")
    )


def catalogue(*, kind: str = "", role: str = "", competency: str = "", query: str = ""):
    """Active courses with their next open sessions' count, filtered."""
    from django.db.models import Count

    now = timezone.now()
    courses = (
        Course.objects.filter(active=True)
        .prefetch_related("competencies")
        .annotate(
            open_sessions=Count(
                "sessions",
                filter=Q(
                    sessions__status=SessionStatus.SCHEDULED,
                    sessions__registration_deadline__gte=now,
                ),
            )
        )
    )
    if kind:
        courses = courses.filter(kind=kind)
    if competency:
        courses = courses.filter(competencies__code=competency)
    if query:
        courses = courses.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Q(code__icontains=query)
        )
    courses = list(courses.order_by("code"))
    if role:
        courses = [c for c in courses if role in c.recommended_roles]
    return courses
