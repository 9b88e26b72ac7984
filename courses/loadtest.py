"""The staff-training scenario of ``learning.loadtest``: 30 staff register at once for a
session with 10 seats, through both servers."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from courses.models import Course, RegistrationStatus, Session
from learning.directory.services import create_staff
from learning.loadtest import logged_in_session
from learning.models import Department, Role

STAFF = 30
SEATS = 10


@dataclass
class Registrations:
    session: Session
    cookies: list[str]

    def describe(self) -> str:
        return f"{STAFF} registrations for {SEATS} seats"

    def jobs(self, *, bases: list[str], browser) -> list:
        browsers = [browser(bases[i % len(bases)], key) for i, key in enumerate(self.cookies)]
        path = f"/courses/sessions/{self.session.pk}/"
        pages = [b.get(path) for b in browsers]
        return [
            (lambda b=b, p=p: b.post(f"{path}register/", {}, page=p))
            for b, p in zip(browsers, pages, strict=True)
        ]

    def check(self) -> list[str]:
        registrations = self.session.registrations
        rows = list(registrations.order_by("requested_at", "pk").values_list("status", flat=True))
        problems = []
        if rows.count(RegistrationStatus.CONFIRMED) != SEATS:
            problems.append(f"session: {rows.count('confirmed')} confirmed for {SEATS} seats")
        if len(rows) != STAFF:
            problems.append(f"session: {len(rows)} registrations for {STAFF} requests")
        if rows != sorted(rows, key=lambda status: status != RegistrationStatus.CONFIRMED):
            problems.append("session: someone waiting asked before someone confirmed")
        if registrations.values("staff").annotate(n=Count("pk")).filter(n__gt=1).exists():
            problems.append("session: a person holds two registrations")
        return problems


def build() -> Registrations:
    """A 10-seat session a week ahead and 30 staff, each with a logged-in session."""
    department = Department.objects.create(name="負荷試験課")
    course = Course.objects.create(code="LOAD-01", title="負荷試験研修", kind="session")
    starts = timezone.now() + dt.timedelta(days=7)
    session = Session.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="会議室",
        capacity=SEATS,
        registration_deadline=starts - dt.timedelta(days=1),
        cancellation_deadline=starts - dt.timedelta(days=1),
    )
    cookies = []
    for number in range(STAFF):
        staff = create_staff(
            employee_id=f"L{number:03d}",
            name=f"負荷 {number}",
            email=f"load{number}@city.example.jp",
            role=Role.GENERAL,
            department=department,
            effective_from=dt.date(2020, 4, 1),
            password="load-pass-123",
        )
        cookies.append(logged_in_session(staff.user))
    return Registrations(session=session, cookies=cookies)
