"""The smartphone-class scenario of ``learning.loadtest``: 40 citizens sign up at once for
a class with 12 seats, through both servers."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from classes.models import Centre, SignUp, SmartphoneClass

CITIZENS = 40
CLASS_SEATS = 12


def build_class(*, capacity: int) -> SmartphoneClass:
    centre = Centre.objects.create(
        name="負荷試験公民館", slug="load-centre", kind=Centre.Kind.DISTRICT
    )
    starts = timezone.now() + dt.timedelta(days=10)
    return SmartphoneClass.objects.create(
        centre=centre,
        title="スマホ教室（負荷試験）",
        topic="basics",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=capacity,
    )


def sign_up_jobs(
    smartphone_class: SmartphoneClass, *, bases: list[str], count: int, browser
) -> list:
    """One job per citizen: open the form on one of the servers, then post it."""
    path = f"/classes/class/{smartphone_class.pk}/signup/"
    prepared = []
    for number in range(count):
        citizen = browser(bases[number % len(bases)])
        prepared.append((citizen, citizen.get(path), number))
    return [
        (
            lambda c=c, page=page, n=n: c.post(
                path,
                {
                    "name": f"市民 {n}",
                    "phone": f"0299-11-{n:04d}",
                    "email": f"shimin{n}@example.jp",
                    "age_band": "",
                    "consent": "on",
                },
                page=page,
            )
        )
        for c, page, n in prepared
    ]


def check_class(smartphone_class: SmartphoneClass, *, capacity: int, count: int) -> list[str]:
    rows = list(
        smartphone_class.signups.order_by("created_at", "pk").values_list("status", flat=True)
    )
    problems = []
    confirmed = rows.count(SignUp.Status.CONFIRMED)
    if confirmed != capacity:
        problems.append(f"class: {confirmed} confirmed for {capacity} seats")
    if len(rows) != count:
        problems.append(f"class: {len(rows)} sign-ups for {count} requests")
    if rows != sorted(rows, key=lambda status: status != SignUp.Status.CONFIRMED):
        problems.append("class: someone waiting signed up before someone confirmed")
    if smartphone_class.signups.values("phone").annotate(n=Count("pk")).filter(n__gt=1).exists():
        problems.append("class: one phone number holds two places")
    return problems


@dataclass
class SignUps:
    smartphone_class: SmartphoneClass

    def describe(self) -> str:
        return f"{CITIZENS} sign-ups for {CLASS_SEATS} seats"

    def jobs(self, *, bases: list[str], browser) -> list:
        return sign_up_jobs(self.smartphone_class, bases=bases, count=CITIZENS, browser=browser)

    def check(self) -> list[str]:
        return check_class(self.smartphone_class, capacity=CLASS_SEATS, count=CITIZENS)


def build() -> SignUps:
    return SignUps(build_class(capacity=CLASS_SEATS))
