"""Demo data: the ten community centres, instructors, instructor training and classes
from FY2023 to the running year (held with attendance), and, whatever the day the demo is
loaded, an upcoming class at every centre, one cancelled ahead and one past class waiting
for its attendance. A running year after the plan gets the last year's targets."""

import datetime as dt
import random

from django.conf import settings
from django.utils import timezone

from classes.models import (
    AgeBand,
    Centre,
    Channel,
    ClassTarget,
    Instructor,
    InstructorTraining,
    SmartphoneClass,
    Topic,
    Town,
)
from classes.services import ClassesError
from classes.services.classes import cancel_class, create_class, record_attendance
from classes.services.purge import purge_personal_data
from classes.services.signups import sign_up
from learning import fiscal
from learning.demo import FAMILY_NAMES, demo_years
from learning.targets import copy_targets_forward

# (slug, name, kind, phone). Demo names: replace them with the city's real list in the admin.
# Their towns (the public index asks where the reader lives) are demo names as well.
CENTRES = [
    ("chuo", "中央公民館", Centre.Kind.CENTRAL, "0299-82-0001"),
    ("kashima", "鹿島地区公民館", Centre.Kind.DISTRICT, "0299-82-0011"),
    ("mikasa", "三笠地区公民館", Centre.Kind.DISTRICT, "0299-82-0012"),
    ("toyosato", "豊郷地区公民館", Centre.Kind.DISTRICT, "0299-82-0013"),
    ("toyotsu", "豊津地区公民館", Centre.Kind.DISTRICT, "0299-82-0014"),
    ("takamatsu", "高松地区公民館", Centre.Kind.DISTRICT, "0299-82-0015"),
    ("daido", "大同地区公民館", Centre.Kind.DISTRICT, "0299-82-0016"),
    ("nakano", "中野地区公民館", Centre.Kind.DISTRICT, "0299-82-0017"),
    ("hirai", "平井地区公民館", Centre.Kind.DISTRICT, "0299-82-0018"),
    ("hano", "波野地区公民館", Centre.Kind.DISTRICT, "0299-82-0019"),
]
TOWNS = {
    "chuo": ["宮中", "城山"],
    "kashima": ["宮下", "鉢形", "神野"],
    "mikasa": ["平井", "泉川"],
    "toyosato": ["荒井", "長栖"],
    "toyotsu": ["須賀", "爪木"],
    "takamatsu": ["下塙", "木滝"],
    "daido": ["沼尾", "佐田"],
    "nakano": ["中", "津賀"],
    "hirai": ["国末", "明石"],
    "hano": ["大船津", "角折"],
}
OPEN_DAYS, OPENS_AT, CLOSES_AT = "123456", dt.time(9), dt.time(17)
HOURS_NOTE = "祝日と年末年始（12月29日から1月3日まで）はお休みです。"
# The demo centre-staff account manages these.
DEMO_STAFF_CENTRES = ("chuo", "kashima", "mikasa")
INSTRUCTORS = [
    ("公民館 次郎", "D0003"),
    ("情報 花子", None),
    ("ボランティア 山田 一郎", None),
    ("ボランティア 鈴木 和子", None),
    ("ボランティア 高橋 誠", None),
]
COURSES = [
    (
        "はじめてのスマートフォン",
        Topic.BASICS,
        "電源の入れ方、電話のかけ方、文字の入力を、ゆっくり練習します。",
    ),
    (
        "マイナンバーカードをスマホで使おう",
        Topic.MY_NUMBER,
        "マイナポータルへのログインと、健康保険証の確認をします。",
    ),
    (
        "スマホで市役所の手続き",
        Topic.ONLINE_APPLICATION,
        "市のオンライン申請で、住民票の写しを申し込む練習をします。",
    ),
    (
        "キャッシュレス決済 入門",
        Topic.CASHLESS,
        "QRコード決済の使い方と、使いすぎないコツを学びます。",
    ),
    (
        "詐欺にあわないスマホの使い方",
        Topic.SECURITY,
        "あやしいメールやSMSの見分け方、パスワードの守り方を学びます。",
    ),
]
FAMILY = FAMILY_NAMES
GIVEN = ["キヨ", "正男", "幸子", "茂", "和子", "勇", "節子", "清", "文子", "実", "久子", "博"]
AGE_BANDS = [AgeBand.SIXTIES, AgeBand.SEVENTIES, AgeBand.SEVENTIES, AgeBand.OVER_80, ""]


def _centres(stdout) -> list[Centre]:
    centres = []
    for position, (slug, name, kind, phone) in enumerate(CENTRES):
        centre, created = Centre.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "phone": phone,
                "address": f"茨城県鹿嶋市 {name}",
                "position": position,
                "open_days": OPEN_DAYS,
                "opens_at": OPENS_AT,
                "closes_at": CLOSES_AT,
                "hours_note": HOURS_NOTE,
                "parking": "無料の駐車場があります。",
            },
        )
        if created:
            for index, town in enumerate(TOWNS.get(slug, [])):
                Town.objects.get_or_create(
                    name=town, defaults={"centre": centre, "position": index}
                )
        centres.append(centre)
    return centres


def _instructors() -> list[Instructor]:
    from learning.models import Staff

    instructors = []
    for index, (name, employee_id) in enumerate(INSTRUCTORS):
        staff = Staff.objects.filter(employee_id=employee_id).first() if employee_id else None
        instructor, _created = Instructor.objects.get_or_create(
            name=name,
            defaults={
                "staff": staff,
                # The last volunteer has not finished the training yet: the warning shows.
                "qualified_on": None if index == len(INSTRUCTORS) - 1 else dt.date(2023, 6, 20),
            },
        )
        instructors.append(instructor)
    return instructors


def _trainings(centre: Centre, instructors: list[Instructor]) -> None:
    for fy in demo_years():
        held_on = dt.date(fy, 6, 20)
        if held_on > timezone.localdate():
            continue
        training, created = InstructorTraining.objects.get_or_create(
            title=f"スマホ教室 講師養成講座（{fiscal.japanese_label(fy)}）",
            held_on=held_on,
            defaults={"centre": centre},
        )
        if created:
            training.attendees.set(instructors[:-1] if fy == 2023 else instructors[1:3])


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=fiscal.TOKYO)


def _citizen(rng: random.Random) -> dict:
    return {
        "name": f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
        "phone": f"0{rng.choice([299, 90, 80])}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
        "age_band": rng.choice(AGE_BANDS),
    }


def _add_class(*, rng, centre, day, instructors, now, course_index):
    """A class with sign-ups (no e-mail addresses: the demo sends no mail)."""
    title, topic, description = COURSES[course_index % len(COURSES)]
    capacity = rng.choice([10, 12, 15])
    smartphone_class = create_class(
        centre=centre,
        title=title,
        topic=topic,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        place=rng.choice(["2階 会議室", "1階 和室", "多目的ホール"]),
        capacity=capacity,
        description=description,
        what_to_bring="スマートフォン（お持ちの方）、筆記用具",
        instructors=rng.sample(instructors, 2),
    )
    past = smartphone_class.ends_at <= now
    wanted = rng.randint(capacity - 4, capacity + 3) if past else rng.randint(2, capacity + 2)
    signed_at = smartphone_class.starts_at - dt.timedelta(days=14)
    signups = []
    for number in range(wanted):
        channel = rng.choice([Channel.ONLINE, Channel.PHONE, Channel.PHONE, Channel.COUNTER])
        citizen = _citizen(rng)
        try:
            signups.append(
                sign_up(
                    smartphone_class=smartphone_class,
                    channel=channel,
                    now=signed_at + dt.timedelta(hours=number),
                    **citizen,
                )
            )
        except ClassesError:  # a random duplicate of name and phone: skip it
            continue
    return smartphone_class, past, signups


def seed(*, accounts, stdout) -> None:
    rng = random.Random(13)
    centres = _centres(stdout)
    centre_user = accounts["centre"].user
    for centre in centres:
        if centre.slug in DEMO_STAFF_CENTRES:
            centre.staff.add(centre_user)
    instructors = _instructors()
    _trainings(centres[0], instructors)
    if SmartphoneClass.objects.exists():
        stdout.write(f"  classes: already there ({SmartphoneClass.objects.count()}), none added")
        return
    now = timezone.now()
    today = timezone.localdate()
    filled = copy_targets_forward(
        model=ClassTarget,
        to_year=fiscal.current_fiscal_year(),
        fields=("centre_kind", "classes_per_centre"),
    )
    if filled:
        stdout.write(f"  classes: last year's targets copied to FY{', FY'.join(map(str, filled))}")
    created = 0
    course_index = 0
    for fy in demo_years():
        for index, centre in enumerate(centres):
            months = (5, 9, 1) if centre.kind == Centre.Kind.CENTRAL else (7, 11)
            for month in months:
                year = fy + 1 if month < 4 else fy
                day = _weekday_on_or_after(dt.date(year, month, 8 + index * 2))
                smartphone_class, past, signups = _add_class(
                    rng=rng,
                    centre=centre,
                    day=day,
                    instructors=instructors,
                    now=now,
                    course_index=course_index,
                )
                course_index += 1
                created += 1
                if past:
                    _record(rng, smartphone_class, signups)
    # Whatever the day, the same shapes: something to sign up for in the coming weeks at
    # every centre, one class cancelled ahead, one past class left for the demo centre
    # account to record (a weekday a few days ago, at a centre it manages).
    for offset, centre in enumerate(centres):
        day = _weekday_on_or_after(today + dt.timedelta(days=7 + offset * 4))
        _add_class(
            rng=rng, centre=centre, day=day, instructors=instructors, now=now, course_index=offset
        )
        created += 1
    by_slug = {centre.slug: centre for centre in centres}
    cancelled, _past, _signups = _add_class(
        rng=rng,
        centre=by_slug["toyosato"],
        day=_weekday_on_or_after(today + dt.timedelta(days=12)),
        instructors=instructors,
        now=now,
        course_index=2,
    )
    cancel_class(smartphone_class=cancelled)
    day = today - dt.timedelta(days=3)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    _add_class(
        rng=rng,
        centre=by_slug["kashima"],
        day=day,
        instructors=instructors,
        now=now,
        course_index=1,
    )
    created += 2
    purged = purge_personal_data(days=settings.CLASSES_PERSONAL_DATA_DAYS)
    stdout.write(
        f"  classes: {created} created at {len(centres)} centres (one cancelled ahead, one "
        f"past class at {by_slug['kashima'].name} left without attendance for the demo); "
        f"personal data erased in {purged.signups} old sign-ups"
    )


def _weekday_on_or_after(day: dt.date) -> dt.date:
    """Weekends are closed at most centres: the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _record(rng: random.Random, smartphone_class: SmartphoneClass, signups) -> None:
    """Attendance of a past class, recorded when it ended, and the class marked held."""
    confirmed = [s for s in signups if s.status == "confirmed"]
    record_attendance(
        smartphone_class=smartphone_class,
        attended=[s.pk for s in confirmed if rng.random() < 0.85],
        walk_ins=rng.randint(0, 2),
        mark_held=True,
        now=smartphone_class.ends_at,
    )
