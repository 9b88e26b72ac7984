"""Demo households, support, device loans and access-place visits, FY2023 to the running year
(today included, so a year has figures from its first day; a running year after the plan
gets the last year's target).

Idempotent: if the demo households are there, nothing is added.
"""

import datetime as dt
import random

from django.utils import timezone

from learning import fiscal
from learning.demo import demo_years
from learning.targets import copy_targets_forward
from support.models import (
    AccessPlace,
    AccessVisit,
    ClosedReason,
    CoverageTarget,
    Device,
    DeviceKind,
    District,
    Household,
    HouseholdStatus,
    IdentifiedHow,
    SupportKind,
    SupportRecord,
)
from support.services.audit import Actor
from support.services.loans import lend_device, record_visitor_count, return_device

DEMO = Actor.command("seed_demo")

# 鹿嶋市's districts as the demo uses them (the city edits the list in the admin).
DISTRICTS = ["鹿島", "高松", "豊郷", "豊津", "平井", "中野東", "中野西", "大同東", "大同西"]
PLACES = [("市役所 ICTひろば", "鹿嶋市平井1187-1"), ("中央図書館 ICTコーナー", "鹿嶋市宮中")]
DEVICES = [(DeviceKind.TABLET, "TB", 20), (DeviceKind.PC, "PC", 6), (DeviceKind.ROUTER, "WR", 12)]
HOUSEHOLDS = 320
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["一郎", "花子", "正雄", "和子", "茂", "幸子", "清", "節子", "実", "洋子"]
# Kinds given after the first support, weighted as a city would see them.
KINDS = [
    SupportKind.CONNECTION,
    SupportKind.CONNECTION,
    SupportKind.PROCEDURE,
    SupportKind.PROCEDURE,
    SupportKind.CLASS_REFERRAL,
    SupportKind.ACCESS_PLACE,
    SupportKind.OTHER,
]


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def seed(*, accounts, stdout) -> None:
    if Household.objects.filter(reference__startswith="DEMO-").exists():
        stdout.write("  support: demo households already there")
        return
    rng = random.Random(14)
    today = timezone.localdate()
    fy = fiscal.current_fiscal_year()
    filled = copy_targets_forward(model=CoverageTarget, to_year=fy, fields=("target_percent",))
    if filled:
        stdout.write(f"  support: last year's target copied to FY{', FY'.join(map(str, filled))}")
    staff = getattr(accounts["support"].user, "staff", None)
    districts = [
        District.objects.get_or_create(name=name, defaults={"position": position})[0]
        for position, name in enumerate(DISTRICTS, start=1)
    ]
    places = [
        AccessPlace.objects.get_or_create(name=name, defaults={"address": address})[0]
        for name, address in PLACES
    ]
    devices = []
    for kind, prefix, count in DEVICES:
        for number in range(1, count + 1):
            devices.append(
                Device.objects.get_or_create(
                    asset_tag=f"{prefix}-{number:03d}",
                    defaults={"kind": kind, "description": DeviceKind(kind).label},
                )[0]
            )

    start = fiscal.first_day(demo_years()[0])
    households, records = [], []
    for number in range(1, HOUSEHOLDS + 1):
        identified_on = _random_day(rng, start, today)
        closed = rng.random() < 0.08 and (today - identified_on).days > 120
        closed_on = (
            _random_day(rng, identified_on + dt.timedelta(days=60), today) if closed else None
        )
        household = Household(
            reference=f"DEMO-{number:04d}",
            district=rng.choice(districts),
            members=rng.choice([1, 1, 1, 2, 2, 3, 4, 5]),
            identified_on=identified_on,
            identified_how=rng.choice(IdentifiedHow.values),
            consent_recorded=rng.random() < 0.95,
            reason_no_device=rng.random() < 0.6,
            reason_no_connection=rng.random() < 0.5,
            reason_cannot_afford=rng.random() < 0.4,
            status=HouseholdStatus.CLOSED if closed else HouseholdStatus.NEEDS_SUPPORT,
            closed_on=closed_on,
            closed_reason=rng.choice(ClosedReason.values) if closed else "",
            contact_name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
            phone=f"0299-{rng.randint(60, 99)}-{rng.randint(1000, 9999)}",
            address=f"鹿嶋市{rng.randint(1, 3000)}",
        )
        households.append(household)
    Household.objects.bulk_create(households)

    for household in households:
        # Most households are reached within months; some are still waiting.
        if rng.random() > 0.8:
            continue
        last = household.closed_on or today
        day = household.identified_on + dt.timedelta(days=int(rng.expovariate(1 / 120)))
        while day <= last:
            records.append(
                SupportRecord(
                    household=household, date=day, kind=rng.choice(KINDS), staff=staff, note=""
                )
            )
            day += dt.timedelta(days=rng.randint(60, 400))
    # Whatever the day, the running year has support to show, even on its first day.
    open_today = [h for h in households if not h.closed_on and h.identified_on <= today]
    for household in rng.sample(open_today, k=min(6, len(open_today))):
        records.append(
            SupportRecord(
                household=household, date=today, kind=rng.choice(KINDS), staff=staff, note=""
            )
        )
    SupportRecord.objects.bulk_create(records)

    # Device loans through the service (each is a support record too): most returned,
    # some still out, one overdue.
    open_households = [
        h for h in households if not h.closed_on and h.identified_on < today - dt.timedelta(days=30)
    ]
    rng.shuffle(open_households)
    loans = 0
    for number, (device, household) in enumerate(
        zip(devices[:24], open_households[:24], strict=False)
    ):
        # Older loans came back; the rest were lent in the last two months.
        returned = number < 14 and household.identified_on <= today - dt.timedelta(days=70)
        if returned:
            lent_on = _random_day(rng, household.identified_on, today - dt.timedelta(days=70))
        else:
            lent_on = _random_day(
                rng, max(household.identified_on, today - dt.timedelta(days=60)), today
            )
        loan = lend_device(
            actor=DEMO,
            device=device,
            household=household,
            lent_on=lent_on,
            due_on=lent_on + dt.timedelta(days=90),
            staff=staff,
        )
        loans += 1
        if returned:
            return_device(
                actor=DEMO, loan=loan, returned_on=lent_on + dt.timedelta(days=rng.randint(30, 60))
            )
    overdue_household = open_households[24]
    lend_device(
        actor=DEMO,
        device=devices[24],
        household=overdue_household,
        lent_on=today - dt.timedelta(days=120),
        due_on=today - dt.timedelta(days=30),
        staff=staff,
        note="デモ: 返却期限切れ",
    )

    # Visitors per day at the access places, every few days from FY2023 on.
    day, visits = start, 0
    while day <= today:
        for place in places:
            record_visitor_count(place=place, date=day, visitors=rng.randint(2, 18))
            visits += 1
        day += dt.timedelta(days=rng.randint(3, 8))
    for place in places:  # today's count too, so the running year has one from its first day
        record_visitor_count(place=place, date=today, visitors=rng.randint(2, 18))
    access_records = SupportRecord.objects.filter(
        kind=SupportKind.ACCESS_PLACE, access_visit__isnull=True
    )
    AccessVisit.objects.bulk_create(
        AccessVisit(
            place=rng.choice(places),
            date=record.date,
            household_id=record.household_id,
            support_record=record,
        )
        for record in access_records
    )
    stdout.write(
        f"  support: {len(households)} households, {SupportRecord.objects.count()} support records, "
        f"{loans + 1} loans (1 overdue), {visits} daily visitor counts"
    )
