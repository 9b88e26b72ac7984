"""Demo accounts, one per role of the system."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from learning import fiscal
from learning.permissions import Duty

DEMO_PASSWORD = "demo-pass-2026"
# Common Japanese family names, for demo people of every app.
FAMILY_NAMES = [
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


@dataclass
class DemoAccount:
    key: str
    label: str
    email: str
    duties: tuple[Duty, ...] = ()
    superuser: bool = False
    user: object = None


DEMO_ACCOUNTS = (
    DemoAccount("admin", "administrator", "admin@city.example.jp", superuser=True),
    DemoAccount("hr", "HR (人事担当)", "hr@city.example.jp", (Duty.HR,)),
    DemoAccount(
        "organiser",
        "course organiser (研修担当)",
        "organiser@city.example.jp",
        (Duty.COURSE_ORGANISER,),
    ),
    DemoAccount(
        "centre", "centre staff (公民館職員)", "centre@city.example.jp", (Duty.CENTRE_STAFF,)
    ),
    DemoAccount(
        "support", "support staff (支援担当)", "support@city.example.jp", (Duty.SUPPORT_STAFF,)
    ),
    DemoAccount(
        "viewer", "report viewer (報告閲覧者)", "viewer@city.example.jp", (Duty.REPORT_VIEWER,)
    ),
    DemoAccount("staff", "staff member (一般職員)", "staff@city.example.jp"),
)


def seed_accounts(*, stdout=None) -> dict[str, DemoAccount]:
    User = get_user_model()
    accounts = {}
    for template in DEMO_ACCOUNTS:
        account = DemoAccount(**{**template.__dict__})
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                email=account.email,
                password=DEMO_PASSWORD,
                is_staff=account.superuser,
                is_superuser=account.superuser,
            )
        for duty in account.duties:
            user.groups.add(Group.objects.get_or_create(name=duty)[0])
        account.user = user
        accounts[account.key] = account
    return accounts


def demo_years() -> list[int]:
    """FY2023 up to the running year: the years demo records are spread over."""
    return list(range(2023, fiscal.current_fiscal_year() + 1))


def fiscal_year_dates(fy: int, *, step_days: int = 30) -> list[dt.date]:
    day, dates = fiscal.first_day(fy), []
    while day <= fiscal.last_day(fy):
        dates.append(day)
        day += dt.timedelta(days=step_days)
    return dates
