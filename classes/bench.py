"""`make bench` for classes: the all-centres feed with 2,000 classes and the public month
page, each beside a minimal Django view served the same way (the test Client, full
middleware stack) in the same run, with the number of SQL queries."""

import datetime as dt
import random
import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from classes import feeds
from classes.models import Centre, Channel, SignUp, SmartphoneClass, Topic
from classes.services.classes import update_class
from learning import fiscal

CLASSES = 2_000
SIGNUPS_PER_CLASS = 6


def minimal(request):
    return HttpResponse("ok")


def _urlpatterns():
    from learning.urls import urlpatterns as site

    return [path("bench/minimal/", minimal), *site]


urlpatterns = _urlpatterns()


def _seed(bench, count: int) -> tuple[int, int]:
    centres = [
        Centre.objects.get_or_create(
            slug=f"bench-{n}",
            defaults={"name": f"ベンチ{n}地区公民館", "kind": Centre.Kind.DISTRICT, "position": n},
        )[0]
        for n in range(10)
    ]
    rng = random.Random(4)
    today = timezone.localdate()
    now = timezone.now()
    batch = []
    for number in range(count):
        # Spread over the feed's window: 80 days back to 300 days ahead.
        day = today + dt.timedelta(days=rng.randint(-80, 300))
        start = dt.datetime.combine(day, dt.time(rng.choice([10, 13, 15])), tzinfo=fiscal.TOKYO)
        batch.append(
            SmartphoneClass(
                centre=centres[number % len(centres)],
                title=f"スマホ教室, 入門; 第{number}回",
                topic=rng.choice(Topic.values),
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                place="2階 会議室",
                capacity=12,
                description="電源の入れ方、文字入力;\n写真の撮り方を練習します。",
                what_to_bring="スマートフォン、筆記用具",
                status="cancelled" if number % 50 == 0 else "scheduled",
                created_at=now,
                updated_at=now,
            )
        )
        bench.progress(number + 1, count, "classes")
    created = SmartphoneClass.objects.bulk_create(batch, batch_size=500)
    signups = [
        SignUp(
            smartphone_class=c,
            number=f"{c.pk:06d}{n:02d}",
            status="confirmed",
            name="ベンチ 太郎",
            phone="0299000000",
            channel=Channel.ONLINE,
            consent_at=now,
        )
        for c in created
        for n in range(SIGNUPS_PER_CLASS)
    ]
    SignUp.objects.bulk_create(signups, batch_size=2000)
    return len(created), len(signups)


def _queries(client: Client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return len(captured)


def run(bench) -> None:
    count = max(int(CLASSES * bench.scale), 10)
    bench.step(f"creating {count:,} classes at 10 centres with {SIGNUPS_PER_CLASS} sign-ups each")
    classes, signups = _seed(bench, count)
    month = timezone.localdate() + dt.timedelta(days=30)
    month_url = f"/classes/month/{month.year}/{month.month}/"
    section = "classes"
    with override_settings(ROOT_URLCONF=__name__):
        client = Client()
        assert client.get("/classes/calendar.ics").status_code == 200  # warm up imports

        def feed_cold():
            # Nothing cached: every event serialised (the first request after a restart).
            cache.clear()
            feeds._serialised.cache_clear()
            return client.get("/classes/calendar.ics")

        changed = SmartphoneClass.objects.filter(status="scheduled").order_by("-pk").first()

        def feed_after_one_change():
            # What the first poll after a staff member edits one class costs.
            update_class(smartphone_class=changed, place=f"会議室 {time.perf_counter_ns()}")
            return client.get("/classes/calendar.ics")

        assert client.get("/bench/minimal/").content == b"ok"
        bench.best_of(
            section,
            "minimal Django view (same client and middleware)",
            lambda: client.get("/bench/minimal/"),
            repeat=20,
        )
        response = bench.best_of(
            section,
            f"all-centres feed, {classes:,} classes, built from nothing",
            feed_cold,
            repeat=3,
        )
        bench.best_of(
            section, "all-centres feed, rebuilt after one class changed", feed_after_one_change
        )
        response = client.get("/classes/calendar.ics")
        etag = response["ETag"]
        events = response.content.count(b"BEGIN:VEVENT")
        bench.best_of(
            section,
            "all-centres feed, cached bytes",
            lambda: client.get("/classes/calendar.ics"),
            repeat=5,
        )
        bench.best_of(
            section,
            "all-centres feed, unchanged (If-None-Match → 304)",
            lambda: client.get("/classes/calendar.ics", headers={"if-none-match": etag}),
            repeat=5,
        )
        page = bench.best_of(section, "public month page", lambda: client.get(month_url), repeat=5)
        minimal_s = bench.seconds("minimal Django view (same client and middleware)")
        bench.ratio(
            "feed built ÷ minimal view",
            bench.seconds(f"all-centres feed, {classes:,} classes, built from nothing"),
            minimal_s,
        )
        bench.ratio(
            "feed after one change ÷ minimal view",
            bench.seconds("all-centres feed, rebuilt after one class changed"),
            minimal_s,
        )
        bench.ratio(
            "feed cached ÷ minimal view", bench.seconds("all-centres feed, cached bytes"), minimal_s
        )
        bench.ratio(
            "feed 304 ÷ minimal view",
            bench.seconds("all-centres feed, unchanged (If-None-Match → 304)"),
            minimal_s,
        )
        bench.ratio("month page ÷ minimal view", bench.seconds("public month page"), minimal_s)
        print(
            f"  feed: {events:,} events, {len(response.content) / 1024:,.0f} KiB; "
            f"month page: {page.content.count(b'class-item__title'):,} classes, "
            f"{len(page.content) / 1024:,.0f} KiB; {signups:,} sign-ups in the database",
            flush=True,
        )
        cache.clear()
        print(
            "  SQL queries: feed built "
            f"{_queries(client, '/classes/calendar.ics')}, feed 304 "
            f"{_queries(client, '/classes/calendar.ics', if_none_match=etag)}, month page "
            f"{_queries(client, month_url)}, minimal view {_queries(client, '/bench/minimal/')}",
            flush=True,
        )
