"""Demo staff directory: departments, staff with role history, and the demo accounts' staff records."""

import datetime as dt
import random

from django.utils import timezone

from courses.models import (
    Attendance,
    Completion,
    Course,
    CourseKind,
    ExternalTraining,
    Registration,
    RegistrationStatus,
    ReviewStatus,
    Session,
    SessionStatus,
    Target,
)
from learning import fiscal
from learning.demo import FAMILY_NAMES
from learning.directory.services import create_staff, get_or_create_department, record_assignment
from learning.models import Department, Role, Staff
from learning.targets import copy_targets_forward

DEPARTMENTS = [
    "総務課",
    "企画政策課",
    "情報政策課",
    "市民課",
    "福祉課",
    "子育て支援課",
    "税務課",
    "生涯学習課",
]
FAMILY = FAMILY_NAMES
GIVEN = ["大輔", "陽子", "健一", "美咲", "翔太", "裕子", "直樹", "恵", "拓也", "彩", "誠", "由美"]
ACCOUNT_STAFF = {
    "hr": ("D0001", "人事 花子", Role.MANAGER, "総務課"),
    "organiser": ("D0002", "研修 太郎", Role.LEADER, "情報政策課"),
    "centre": ("D0003", "公民館 次郎", Role.GENERAL, "生涯学習課"),
    "support": ("D0004", "支援 三郎", Role.GENERAL, "福祉課"),
    "viewer": ("D0005", "企画 四郎", Role.MANAGER, "企画政策課"),
    "staff": ("D0006", "一般 さくら", Role.GENERAL, "市民課"),
}
ROLE_MIX = [Role.GENERAL] * 6 + [Role.LEADER] * 2 + [Role.MANAGER, Role.ICT]


def seed(*, accounts, stdout) -> None:
    _seed_directory(accounts=accounts, stdout=stdout)
    _seed_training(accounts=accounts, stdout=stdout)


def _seed_directory(*, accounts, stdout) -> None:
    rng = random.Random(2026)
    departments = [get_or_create_department(name=name)[0] for name in DEPARTMENTS]
    start = fiscal.first_day(2023)
    for key, (employee_id, name, role, department_name) in ACCOUNT_STAFF.items():
        user = accounts[key].user
        if not Staff.objects.filter(employee_id=employee_id).exists():
            staff = Staff.objects.create(user=user, employee_id=employee_id, name=name)
            record_assignment(
                staff=staff,
                role=role,
                department=Department.objects.get(name=department_name),
                effective_from=start,
            )
    created = 0
    for number in range(1, 61):
        employee_id = f"S{number:04d}"
        if Staff.objects.filter(employee_id=employee_id).exists():
            continue
        role = rng.choice(ROLE_MIX)
        department = rng.choice(departments)
        staff = create_staff(
            employee_id=employee_id,
            name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
            email=f"staff{number:04d}@city.example.jp",
            role=role,
            department=department,
            effective_from=start,
        )
        # Every 1 April some people move or are promoted: the history shows it.
        for fy in range(2024, fiscal.current_fiscal_year() + 1):
            if rng.random() < 0.2:
                record_assignment(
                    staff=staff,
                    role=rng.choice(ROLE_MIX),
                    department=rng.choice(departments),
                    effective_from=dt.date(fy, 4, 1),
                )
        created += 1
    stdout.write(f"  staff: {created} created, {Staff.objects.count()} in all")


# code, title, kind, security, counts, competencies, recommended roles
COURSES = [
    (
        "SEC-01",
        "情報セキュリティ研修（全職員）",
        CourseKind.SESSION,
        True,
        True,
        ["general-security", "leader-coaching", "ict-security-risk", "manager-risk"],
        ["manager", "leader", "general", "ict"],
    ),
    (
        "DX-01",
        "デジタル思考入門",
        CourseKind.SESSION,
        False,
        True,
        ["digital-thinking"],
        ["general", "leader"],
    ),
    (
        "BPR-01",
        "管理職のためのデジタルBPR",
        CourseKind.SESSION,
        False,
        True,
        ["manager-bpr", "manager-ict-management"],
        ["manager"],
    ),
    (
        "RPA-01",
        "RPA実践講座",
        CourseKind.SESSION,
        False,
        True,
        ["leader-rpa", "leader-advanced-ict"],
        ["leader", "ict"],
    ),
    (
        "SYS-01",
        "システム運用管理の基礎",
        CourseKind.SESSION,
        False,
        True,
        ["general-system-operation", "leader-system-operation-management", "ict-operations"],
        ["general", "ict"],
    ),
    (
        "ELN-SEC",
        "eラーニング 情報セキュリティ",
        CourseKind.ONLINE,
        True,
        True,
        ["general-security"],
        ["general"],
    ),
    (
        "ELN-ICT",
        "eラーニング ICT基礎",
        CourseKind.ONLINE,
        False,
        True,
        ["general-ict-basics"],
        ["general"],
    ),
    (
        "EXT-ACAD",
        "市町村アカデミー派遣研修",
        CourseKind.EXTERNAL,
        False,
        True,
        ["ict-management"],
        ["ict", "manager"],
    ),
    ("INFO-01", "庁内システム説明会", CourseKind.SESSION, False, False, [], []),
]
PLACES = ["本庁舎 3階 大会議室", "本庁舎 2階 研修室", "第二庁舎 会議室A"]
ATTENDANCE_MIX = [Attendance.PRESENT] * 7 + [Attendance.LATE, Attendance.ABSENT, Attendance.EXCUSED]


def _seed_training(*, accounts, stdout) -> None:
    from courses.models import Competency

    if Course.objects.filter(code="SEC-01").exists():
        stdout.write("  training: already there")
        return
    rng = random.Random(4)
    organiser = accounts["organiser"].user
    courses = {}
    for code, title, kind, security, counts, competencies, roles in COURSES:
        course = Course.objects.create(
            code=code,
            title=title,
            kind=kind,
            is_security=security,
            counts_toward_target=counts,
            recommended_roles=roles,
            description=f"{title}です。業務でのICT活用に役立つ内容を扱います。",
        )
        course.competencies.set(Competency.objects.filter(code__in=competencies))
        if kind == CourseKind.SESSION:
            course.organisers.add(organiser)
        courses[code] = course
    staff = list(Staff.objects.exclude(employee_id="D0006"))
    today = timezone.localdate()
    now = timezone.now()
    sessions = registrations = 0
    for fy in range(2023, fiscal.current_fiscal_year() + 1):
        for code, course in courses.items():
            if course.kind != CourseKind.SESSION:
                continue
            for month in (6, 10, 12, 2) if code != "SEC-01" else (7, 10, 1):
                year = fy if month >= 4 else fy + 1
                day = dt.date(year, month, 10 + rng.randrange(10))
                starts = dt.datetime(day.year, day.month, day.day, 14, 0, tzinfo=fiscal.TOKYO)
                past = day < today
                session = Session.objects.create(
                    course=course,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    place=rng.choice(PLACES),
                    capacity=30,
                    registration_deadline=starts - dt.timedelta(days=3),
                    cancellation_deadline=starts - dt.timedelta(days=1),
                    status=SessionStatus.HELD if past else SessionStatus.SCHEDULED,
                )
                sessions += 1
                chosen = rng.sample(
                    staff, k=min(len(staff), rng.randrange(8, 26) if past else rng.randrange(2, 12))
                )
                for number, person in enumerate(chosen):
                    Registration.objects.create(
                        session=session,
                        staff=person,
                        status=RegistrationStatus.CONFIRMED,
                        requested_at=min(starts - dt.timedelta(days=10, minutes=number), now),
                        attendance=rng.choice(ATTENDANCE_MIX) if past else "",
                    )
                    registrations += 1
        for person in rng.sample(staff, k=len(staff) // 3):
            course = courses[rng.choice(["ELN-SEC", "ELN-ICT"])]
            completed = fiscal.first_day(fy) + dt.timedelta(days=rng.randrange(0, 364))
            if completed <= today:
                Completion.objects.get_or_create(
                    staff=person, course=course, completed_on=completed
                )
        for person in rng.sample(staff, k=3):
            attended = fiscal.first_day(fy) + dt.timedelta(days=rng.randrange(30, 300))
            if attended <= today:
                ExternalTraining.objects.create(
                    staff=person,
                    course=courses["EXT-ACAD"],
                    title="市町村アカデミー「自治体DX推進」",
                    provider="市町村職員中央研修所",
                    attended_on=attended,
                    status=ReviewStatus.APPROVED,
                )
    # Whatever the day: sessions to register for in the coming weeks (even on 31 March,
    # when the running year has none left).
    for weeks, code in enumerate(("DX-01", "SEC-01", "RPA-01", "SYS-01"), start=1):
        day = today + dt.timedelta(days=3 + 7 * weeks)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        starts = dt.datetime(day.year, day.month, day.day, 14, 0, tzinfo=fiscal.TOKYO)
        session = Session.objects.create(
            course=courses[code],
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            place=rng.choice(PLACES),
            capacity=30,
            registration_deadline=starts - dt.timedelta(days=3),
            cancellation_deadline=starts - dt.timedelta(days=1),
        )
        sessions += 1
        for number, person in enumerate(rng.sample(staff, k=rng.randrange(2, 12))):
            Registration.objects.create(
                session=session,
                staff=person,
                status=RegistrationStatus.CONFIRMED,
                requested_at=now - dt.timedelta(days=1, minutes=number),
            )
            registrations += 1
    # A running year after the plan has the last year's targets (HR would copy them).
    fy = fiscal.current_fiscal_year()
    filled = copy_targets_forward(
        model=Target,
        to_year=fy,
        fields=("role", "participations_required", "security_required"),
    )
    if filled:
        stdout.write(f"  training: last year's targets copied to FY{', FY'.join(map(str, filled))}")
    # The demo staff member is behind in the running year and has one seat booked.
    me = Staff.objects.get(employee_id="D0006")
    upcoming = (
        Session.objects.filter(
            course__code="DX-01", registration_deadline__gt=now, status=SessionStatus.SCHEDULED
        )
        .order_by("starts_at")
        .first()
    )
    if upcoming:
        Registration.objects.get_or_create(
            session=upcoming,
            staff=me,
            defaults={"status": RegistrationStatus.CONFIRMED, "requested_at": now},
        )
    ExternalTraining.objects.create(
        staff=me,
        title="県主催 生成AI活用セミナー",
        provider="県DX推進課",
        attended_on=min(today, fiscal.last_day(fiscal.current_fiscal_year())),
        note="半日の講義とハンズオン",
        status=ReviewStatus.PENDING,
    )
    stdout.write(
        f"  training: {len(courses)} courses, {sessions} sessions, {registrations} registrations"
    )
