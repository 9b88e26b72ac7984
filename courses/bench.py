"""`make bench` for courses: HR's compliance page against one raw SQL aggregate.

First, the "register" request with a mail server that takes 2 s to answer, beside the
same request with mail off (the aim: under 1.2×, since the page only queues the mail).

Then builds (at --scale 1) 10,000 staff and 300,000 participations over five fiscal years
(FY2022–FY2026) with ``bulk_create``, then times, in the same run:
- the compliance page's first page (Django test Client, logged in as HR),
- its full CSV export,
- the same figures (per role: staff judged, staff meeting the target) computed by one
  raw SQL aggregate, and checks that the figures agree.
"""

import datetime as dt
import random
import time

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

    registration_with_slow_mail(bench)

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


QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
IMMEDIATE = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }
}


def registration_with_slow_mail(bench, *, repeat: int = 21, smtp_delay: float = 2.0) -> None:
    """The "register" request with mail off, beside the same request with mail on while the
    mail server takes ``smtp_delay`` seconds to answer and a worker process delivers (the
    two alternate, so both see the same machine), and, for comparison, with the mail sent
    inside the request as before the queue."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    from unittest import mock

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import override_settings
    from django.utils import timezone

    from learning.models import MailStatus, OutgoingMail
    from learning.smtpsink import SMTPSink

    User = get_user_model()
    starts = timezone.now() + dt.timedelta(days=30)
    course = Course.objects.create(
        code="BENCH-MAIL", title="メール計測研修", kind=CourseKind.SESSION
    )
    session = Session.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=1000,
        registration_deadline=starts - dt.timedelta(days=1),
        cancellation_deadline=starts - dt.timedelta(days=1),
    )
    department = Department.objects.create(name="メール計測課")
    url = reverse("courses:register", args=[session.pk])
    people = iter(range(10**6))

    def register():
        n = next(people)
        user = User.objects.create_user(email=f"mail-bench{n}@city.example.jp", password=None)
        staff = Staff.objects.create(user=user, employee_id=f"MB{n:05d}", name=f"計測 {n}")
        Assignment.objects.create(
            staff=staff,
            role=Role.GENERAL,
            department=department,
            effective_from=dt.date(2020, 4, 1),
        )
        client = Client()
        client.force_login(user)
        start = time.perf_counter()
        response = client.post(url)
        seconds = time.perf_counter() - start
        assert response.status_code == 302, response.status_code
        return seconds

    def median(runs):
        return sorted(runs)[len(runs) // 2]

    section = "courses"
    bench.step(f"registration request, mail server answering in {smtp_delay:.0f} s")
    mail_off = mock.patch("courses.notifications.send_registration_received", lambda *a, **k: None)
    with SMTPSink(delay=smtp_delay) as sink:
        # A worker process, as in production (a thread would share this process's CPU).
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "learning.settings",
            "DJANGO_EMAIL_BACKEND": "smtp",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(sink.port),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
            + ["--no-reload", "--no-startup-delay", "--verbosity", "0"],
            cwd=Path(settings.BASE_DIR),
            env=env,
        )
        try:
            off, queued = [], []
            with override_settings(TASKS=QUEUE):
                register()  # warm up: templates, first queries
                for _round in range(repeat):
                    with mail_off:
                        off.append(register())
                    queued.append(register())
            deadline = time.monotonic() + repeat * (smtp_delay + 1) + 15
            while (
                OutgoingMail.objects.exclude(status=MailStatus.SENT).count()
                or len(sink.messages) < repeat + 1
            ) and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        for label, runs in (
            ("register, mail off", off),
            (f"register, mail queued (server {smtp_delay:.0f} s, worker running)", queued),
        ):
            bench.results.append((section, label, median(runs)))
            print(f"  {label:<60} {median(runs) * 1000:10.1f} ms (median of {repeat})", flush=True)
        print(f"    the worker delivered {len(sink.messages)} mails meanwhile", flush=True)
        with override_settings(TASKS=IMMEDIATE, MAILERS={"default": sink.mailer()}):
            inline = median([register() for _ in range(3)])
        label = f"register, mail sent in the request (before the queue, server {smtp_delay:.0f} s)"
        print(f"  {label:<60} {inline * 1000:10.1f} ms (median of 3)", flush=True)
    bench.ratio("register with mail queued / mail off", median(queued), median(off), aim=1.2)
