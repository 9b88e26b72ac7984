"""The smartphone classes and the community centres in the open data (``learning.opendata``):
rows for the national event list (イベント一覧) and public facility list (公共施設一覧)."""

import datetime as dt

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from classes.models import Centre, SmartphoneClass
from learning import city, fiscal
from learning.links import absolute_url
from learning.opendata import weekdays_text

SIGN_UP_HOW = "申込ページ（ウェブ）から、または公民館へ電話・窓口で"
REMARKS = {
    SmartphoneClass.Status.CANCELLED: "中止",
    SmartphoneClass.Status.HELD: "開催済み",
    SmartphoneClass.Status.SCHEDULED: "",
}


def published_classes():
    """Published classes from the start of the previous fiscal year on, in date order."""
    since = fiscal.start_datetime(fiscal.current_fiscal_year() - 1)
    return (
        SmartphoneClass.objects.filter(published=True, starts_at__gte=since)
        .select_related("centre")
        .order_by("starts_at", "pk")
    )


def events() -> list[dict]:
    rows = []
    organiser = city.current().name
    for smartphone_class in published_classes():
        centre = smartphone_class.centre
        starts = timezone.localtime(smartphone_class.starts_at, fiscal.TOKYO)
        ends = timezone.localtime(smartphone_class.ends_at, fiscal.TOKYO)
        rows.append(
            {
                "イベント名": smartphone_class.title,
                "開始日": starts.date(),
                "終了日": ends.date(),
                "開始時間": starts.time(),
                "終了時間": ends.time(),
                "説明": " ".join(
                    part
                    for part in (
                        smartphone_class.description,
                        smartphone_class.what_to_bring
                        and f"持ち物: {smartphone_class.what_to_bring}",
                    )
                    if part
                ),
                # The city's classes are free: a project decision, stated in 料金(詳細).
                "料金(基本)": 0,
                "料金(詳細)": "無料",
                "連絡先名称": centre.name,
                "連絡先電話番号": centre.phone,
                "主催者": organiser,
                "場所名称": centre.name,
                "住所": centre.address,
                "方書": smartphone_class.place,
                "緯度": centre.latitude,
                "経度": centre.longitude,
                "アクセス方法": centre.access,
                "駐車場情報": centre.parking,
                "定員": smartphone_class.capacity,
                # Online sign-up closes when the class starts (classes.services.signups).
                "参加申込終了日": starts.date(),
                "参加申込終了時間": starts.time(),
                "参加申込方法": SIGN_UP_HOW,
                "URL": absolute_url(smartphone_class.get_absolute_url()),
                "備考": REMARKS.get(smartphone_class.status, ""),
            }
        )
    return rows


def events_modified() -> dt.datetime | None:
    return published_classes().aggregate(latest=Max("updated_at"))["latest"]


def facilities() -> list[dict]:
    organiser = city.current().name
    return [
        {
            "名称": centre.name,
            "名称_カナ": centre.name_kana,
            "住所": centre.address,
            "緯度": centre.latitude,
            "経度": centre.longitude,
            "電話番号": centre.phone,
            "団体名": organiser,
            "利用可能曜日": weekdays_text(centre.open_days_letters),
            "開始時間": centre.opens_at,
            "終了時間": centre.closes_at,
            "利用可能日時特記事項": centre.hours_note,
            "説明": " ".join(part for part in (centre.get_kind_display(), centre.access) if part),
            "バリアフリー情報": centre.barrier_free,
            "URL": absolute_url(reverse("classes:centre", kwargs={"slug": centre.slug})),
            "備考": centre.parking and f"駐車場: {centre.parking}",
        }
        for centre in Centre.objects.order_by("position", "name")
    ]


def facilities_modified() -> dt.datetime | None:
    return Centre.objects.aggregate(latest=Max("updated_at"))["latest"]
