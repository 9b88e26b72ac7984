"""`make bench` for courses: HR's compliance page against one raw SQL aggregate.

Builds (at --scale 1) 10,000 staff and 300,000 participations over five fiscal years
(FY2022–FY2026) with ``bulk_create``, then times, in the same run:
- the compliance page's first page (Django test Client, logged in as HR),
- its full CSV export,
- the same figures (per role: staff judged, staff meeting the target) computed by one
  raw SQL aggregate, and checks that the figures agree.
"""

import datetime as dt
import random

from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
)
from courses.selectors.compliance import compliance_rows
from learning import fiscal
from learning.models import Assignment, Department, Role, Staff
from learning.permissions import Duty

YEARS = list(range(2022, 2027))
BATCH = 5000


def _bulk(bench, model, objects, label, **kwargs):
    total = len(objects)
    for start in range(0, total, BATCH):
        model.objects.bulk_create(objects[start : start + BATCH], batch_size=BATCH, **kwargs)
        bench.progress(min(start + BATCH, total), total, label)


@transaction.atomic
def build(bench, *, staff_count: int, participations: int) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    rng = random.Random(2026)
    roles = [Role.GENERAL] * 70 + [Role.LEADER] * 15 + [Role.MANAGER] * 10 + [Role.ICT] * 5
    bench.step(f"building {staff_count:,} staff and {participations:,} participations")
    departments = Department.objects.bulk_create(
        [Department(name=f"部署{n:03d}") for n in range(60)]
    )
    _bulk(
        bench,
        User,
        [User(email=f"bench{n}@city.example.jp", password="!") for n in range(staff_count)],
        "users",
    )
    users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
    _bulk(
        bench,
        Staff,
        [
            Staff(user=u, employee_id=f"B{n:06d}", name=f"職員 {n}", active=rng.random() > 0.03)
            for n, u in enumerate(users)
        ],
        "staff",
    )
    staff_ids = list(
        Staff.objects.filter(employee_id__startswith="B")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    assignments = []
    for staff_id in staff_ids:
        assignments.append(
            Assignment(
                staff_id=staff_id,
                role=rng.choice(roles),
                department=rng.choice(departments),
                effective_from=dt.date(2020, 4, 1),
            )
        )
        for year in YEARS:  # transfers and promotions happen on 1 April
            if rng.random() < 0.15:
                assignments.append(
                    Assignment(
                        staff_id=staff_id,
                        role=rng.choice(roles),
                        department=rng.choice(departments),
                        effective_from=dt.date(year, 4, 1),
                    )
                )
    _bulk(bench, Assignment, assignments, "assignments")

    courses = Course.objects.bulk_create(
        [
            Course(
                code=f"BS{n:03d}",
                title=f"研修 {n}",
                kind=CourseKind.SESSION,
                is_security=n % 8 == 0,
                counts_toward_target=n % 10 != 9,
            )
            for n in range(40)
        ]
        + [
            Course(
                code=f"BO{n:03d}",
                title=f"オンライン研修 {n}",
                kind=CourseKind.ONLINE,
                is_security=n % 5 == 0,
            )
            for n in range(20)
        ]
    )
    session_courses = [c for c in courses if c.kind == CourseKind.SESSION]
    online_courses = [c for c in courses if c.kind == CourseKind.ONLINE]
    sessions = []
    for year in YEARS:
        for _n in range(400):
            day = fiscal.first_day(year) + dt.timedelta(days=rng.randrange(365))
            starts = dt.datetime(
                day.year, day.month, day.day, rng.choice((9, 13, 15)), tzinfo=fiscal.TOKYO
            )
            past = day < dt.date.today()
            sessions.append(
                Session(
                    course=rng.choice(session_courses),
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    capacity=100,
                    registration_deadline=starts - dt.timedelta(days=3),
                    cancellation_deadline=starts - dt.timedelta(days=1),
                    status=(SessionStatus.CANCELLED if rng.random() < 0.03 else SessionStatus.HELD)
                    if past
                    else SessionStatus.SCHEDULED,
                )
            )
    _bulk(bench, Session, sessions, "sessions")
    session_ids = list(Session.objects.order_by("pk").values_list("pk", flat=True))

    registrations_wanted = participations * 2 // 3
    per_staff = max(registrations_wanted // len(staff_ids), 1)
    attendances = (
        [Attendance.PRESENT] * 80
        + [Attendance.LATE] * 8
        + [Attendance.EXCUSED] * 6
        + [Attendance.ABSENT] * 6
    )
    registrations = [
        Registration(
            session_id=session_id,
            staff_id=staff_id,
            status=RegistrationStatus.CONFIRMED,
            requested_at=dt.datetime(2022, 1, 1, tzinfo=fiscal.TOKYO),
            attendance=rng.choice(attendances),
        )
        for staff_id in staff_ids
        for session_id in rng.sample(session_ids, per_staff)
    ]
    _bulk(bench, Registration, registrations, "registrations")

    completions_wanted = participations - len(registrations) - participations // 30
    span = (fiscal.last_day(YEARS[-1]) - fiscal.first_day(YEARS[0])).days
    completions = [
        Completion(
            staff_id=rng.choice(staff_ids),
            course=rng.choice(online_courses),
            completed_on=fiscal.first_day(YEARS[0]) + dt.timedelta(days=rng.randrange(span)),
        )
        for _n in range(completions_wanted)
    ]
    _bulk(bench, Completion, completions, "completions", ignore_conflicts=True)
    statuses = [ReviewStatus.APPROVED] * 7 + [ReviewStatus.PENDING] * 2 + [ReviewStatus.REJECTED]
    externals = [
        ExternalTraining(
            staff_id=rng.choice(staff_ids),
            title="外部研修",
            status=rng.choice(statuses),
            course=rng.choice(courses) if rng.random() < 0.3 else None,
            attended_on=fiscal.first_day(YEARS[0]) + dt.timedelta(days=rng.randrange(span)),
        )
        for _n in range(participations // 30)
    ]
    _bulk(bench, ExternalTraining, externals, "external trainings")
    _bulk(
        bench,
        Exemption,
        [
            Exemption(staff_id=staff_id, fiscal_year=year, reason="育児休業")
            for year in YEARS
            for staff_id in rng.sample(staff_ids, len(staff_ids) // 100)
        ],
        "exemptions",
    )


RAW_AGGREGATE = """
WITH parts AS (
    SELECT r.staff_id AS staff_id, c.counts_toward_target AS counts, c.is_security AS security
    FROM courses_registration r
    JOIN courses_session se ON se.id = r.session_id
    JOIN courses_course c ON c.id = se.course_id
    WHERE r.attendance IN ('present', 'late') AND se.status <> 'cancelled'
      AND se.starts_at >= %(start)s AND se.starts_at < %(end)s
    UNION ALL
    SELECT m.staff_id, c.counts_toward_target, c.is_security
    FROM courses_completion m JOIN courses_course c ON c.id = m.course_id
    WHERE m.completed_on BETWEEN %(first)s AND %(last)s
    UNION ALL
    SELECT x.staff_id, COALESCE(c.counts_toward_target, TRUE), COALESCE(c.is_security, FALSE)
    FROM courses_externaltraining x LEFT JOIN courses_course c ON c.id = x.course_id
    WHERE x.status = 'approved' AND x.attended_on BETWEEN %(first)s AND %(last)s
),
per_staff AS (
    SELECT staff_id,
           SUM(CASE WHEN counts THEN 1 ELSE 0 END) AS participations,
           MAX(CASE WHEN security THEN 1 ELSE 0 END) AS security
    FROM parts GROUP BY staff_id
),
roster AS (
    SELECT s.id AS staff_id,
           (SELECT a.role FROM learning_assignment a
            WHERE a.staff_id = s.id AND a.effective_from <= %(on)s
            ORDER BY a.effective_from DESC LIMIT 1) AS role
    FROM learning_staff s
    WHERE s.active OR %(past)s
)
SELECT roster.role, COUNT(*) AS judged,
       SUM(CASE WHEN COALESCE(p.participations, 0) >= t.participations_required
                 AND (COALESCE(p.security, 0) = 1 OR NOT t.security_required) THEN 1 ELSE 0 END) AS met
FROM roster
LEFT JOIN per_staff p ON p.staff_id = roster.staff_id
JOIN courses_target t ON t.fiscal_year = %(fy)s AND t.role = roster.role
WHERE NOT EXISTS (SELECT 1 FROM courses_exemption e WHERE e.staff_id = roster.staff_id AND e.fiscal_year = %(fy)s)
GROUP BY roster.role ORDER BY roster.role
"""


def raw_aggregate(fy: int) -> dict[str, tuple[int, int]]:
    ops = connection.ops
    params = {
        "start": ops.adapt_datetimefield_value(fiscal.start_datetime(fy)),
        "end": ops.adapt_datetimefield_value(fiscal.end_datetime(fy)),
        "first": ops.adapt_datefield_value(fiscal.first_day(fy)),
        "last": ops.adapt_datefield_value(fiscal.last_day(fy)),
        "on": ops.adapt_datefield_value(fiscal.reference_day(fy)),
        "past": fy < fiscal.current_fiscal_year(),
        "fy": fy,
    }
    with connection.cursor() as cursor:
        cursor.execute(RAW_AGGREGATE, params)
        return {role: (int(judged), int(met)) for role, judged, met in cursor.fetchall()}


def run(bench) -> None:
    from django.contrib.auth import get_user_model

    staff_count = int(10_000 * bench.scale)
    participations = int(300_000 * bench.scale)
    if not Staff.objects.filter(employee_id__startswith="B").exists():
        build(bench, staff_count=staff_count, participations=participations)
    connection.cursor().execute("ANALYZE")
    hr = get_user_model().objects.filter(email="bench-hr@city.example.jp").first()
    if hr is None:
        hr = get_user_model().objects.create_user(email="bench-hr@city.example.jp", password=None)
    hr.groups.add(Group.objects.get_or_create(name=Duty.HR)[0])
    client = Client()
    client.force_login(hr)
    fy = fiscal.current_fiscal_year() - 1
    url = reverse("courses:compliance")
    print(
        f"  FY{fy}: {Staff.objects.count():,} staff, "
        f"{Registration.objects.count() + Completion.objects.count() + ExternalTraining.objects.count():,} "
        "participation records (all years)",
        flush=True,
    )

    def page():
        response = client.get(url, {"fy": fy})
        assert response.status_code == 200, response.status_code
        return response

    def export():
        response = client.get(url, {"fy": fy, "_export": "csv"})
        assert response.status_code == 200, response.status_code
        return response

    with CaptureQueriesContext(connection) as queries:
        page()
    print(f"  compliance page: {len(queries)} SQL queries", flush=True)
    bench.best_of("courses", "compliance page, first page (HTML)", page, repeat=5)
    csv = bench.best_of("courses", "compliance CSV export, every row", export, repeat=5)
    rows = csv.content.decode("utf-8-sig").count("\n") - 1
    print(f"    export rows: {rows:,}", flush=True)
    figures = bench.best_of(
        "courses", "one raw SQL aggregate (met per role)", lambda: raw_aggregate(fy), repeat=5
    )
    bench.best_of("courses", "selector alone (compliance_rows)", lambda: compliance_rows(fy=fy))

    year = compliance_rows(fy=fy)
    from_page = {
        role: (share.total, share.met)
        for role, share in zip(Role.values, year.by_role, strict=True)
        if share.total
    }
    assert from_page == figures, (from_page, figures)
    print(
        f"    figures agree: {', '.join(f'{r} {m}/{j}' for r, (j, m) in sorted(figures.items()))}",
        flush=True,
    )
    raw = bench.seconds("one raw SQL aggregate (met per role)")
    bench.ratio(
        "page / raw aggregate", bench.seconds("compliance page, first page (HTML)"), raw, aim=2.0
    )
    bench.ratio("export / raw aggregate", bench.seconds("compliance CSV export, every row"), raw)
    export_seconds = bench.seconds("compliance CSV export, every row")
    print(f"  {'export under 3 s':<60} {'ok' if export_seconds < 3 else 'ABOVE AIM'}", flush=True)
