"""Demo staff directory: departments, staff with role history, and the demo accounts' staff records."""

import datetime as dt
import random

from courses.models import Department, Role, Staff
from courses.services.staff import create_staff, get_or_create_department, record_assignment
from learning import fiscal

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
FAMILY = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
]
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
