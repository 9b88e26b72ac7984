"""`make bench BENCH_ARGS=support`: 50,000 households and 500,000 support records, then the
yearly coverage report (page and charts, through the test client) next to the same figures
from one raw SQL aggregate."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client

from learning import fiscal
from learning.permissions import Duty
from support.models import District, Household, HouseholdStatus, SupportKind, SupportRecord
from support.selectors.coverage import coverage_report

HOUSEHOLDS = 50_000
SUPPORT_RECORDS = 500_000
BATCH = 10_000
DISTRICTS = ["鹿島", "高松", "豊郷", "豊津", "平井", "中野東", "中野西", "大同東", "大同西"]

# The same figures as the report page (by district, every year's city total, by kind)
# as one hand-written statement, for comparison with the ORM selector.
RAW_SQL = """
WITH h AS (
    SELECT hh.id, hh.district_id, hh.identified_on, hh.closed_on,
           (SELECT MIN(s.date) FROM support_supportrecord s WHERE s.household_id = hh.id) AS first_support,
           EXISTS (SELECT 1 FROM support_supportrecord s
                   WHERE s.household_id = hh.id AND s.date >= %(first)s AND s.date <= %(last)s) AS in_year
    FROM support_household hh
    WHERE hh.identified_on <= %(last)s
), years (fy, first_day, last_day) AS (VALUES {years})
SELECT 'district', CAST(h.district_id AS VARCHAR(20)), COUNT(*),
       SUM(CASE WHEN h.first_support <= %(last)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.in_year THEN 1 ELSE 0 END)
FROM h WHERE h.closed_on IS NULL OR h.closed_on >= %(first)s
GROUP BY h.district_id
UNION ALL
SELECT 'year', CAST(y.fy AS VARCHAR(20)),
       SUM(CASE WHEN h.identified_on <= y.last_day AND (h.closed_on IS NULL OR h.closed_on >= y.first_day) THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.identified_on <= y.last_day AND (h.closed_on IS NULL OR h.closed_on >= y.first_day)
                 AND h.first_support <= y.last_day THEN 1 ELSE 0 END),
       0
FROM h CROSS JOIN years y
GROUP BY y.fy
UNION ALL
SELECT 'kind', s.kind,
       SUM(CASE WHEN s.date >= %(first)s THEN 1 ELSE 0 END),
       COUNT(DISTINCT CASE WHEN s.date >= %(first)s THEN s.household_id END),
       COUNT(DISTINCT s.household_id)
FROM support_supportrecord s JOIN h ON h.id = s.household_id
WHERE s.date <= %(last)s AND (h.closed_on IS NULL OR h.closed_on >= %(first)s)
GROUP BY s.kind
"""


def populate(bench, *, households: int, records: int) -> None:
    rng = random.Random(5)
    districts = [
        District.objects.get_or_create(name=name, defaults={"position": i})[0]
        for i, name in enumerate(DISTRICTS)
    ]
    start, today = fiscal.first_day(2023), dt.date.today()
    span = (today - start).days
    bench.step(f"creating {households:,} households")
    batch = []
    for number in range(1, households + 1):
        identified_on = start + dt.timedelta(days=rng.randint(0, span))
        closed = rng.random() < 0.08
        closed_on = (
            min(today, identified_on + dt.timedelta(days=rng.randint(30, 700))) if closed else None
        )
        batch.append(
            Household(
                reference=f"B{number:06d}",
                district=districts[number % len(districts)],
                members=rng.randint(1, 6),
                identified_on=identified_on,
                reason_no_device=True,
                status=HouseholdStatus.CLOSED if closed else HouseholdStatus.NEEDS_SUPPORT,
                closed_on=closed_on,
                closed_reason="other" if closed else "",
            )
        )
        if len(batch) == BATCH or number == households:
            Household.objects.bulk_create(batch)
            batch = []
            bench.progress(number, households, "households")
    ids = list(Household.objects.order_by("pk").values_list("pk", "identified_on"))
    supported = ids[: int(len(ids) * 0.7)]  # three in ten households are never reached
    kinds = SupportKind.values
    bench.step(f"creating {records:,} support records")
    batch = []
    for number in range(1, records + 1):
        household_id, identified_on = supported[rng.randrange(len(supported))]
        day = identified_on + dt.timedelta(days=rng.randint(0, 500))
        batch.append(
            SupportRecord(household_id=household_id, date=min(day, today), kind=rng.choice(kinds))
        )
        if len(batch) == BATCH or number == records:
            SupportRecord.objects.bulk_create(batch)
            batch = []
            bench.progress(number, records, "support records")
    if connection.vendor == "postgresql":
        # What autovacuum does on a live server: statistics and the visibility map
        # (without it PostgreSQL cannot use index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE support_household")
            cursor.execute("VACUUM ANALYZE support_supportrecord")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def raw_figures(fy: int) -> dict[tuple[str, str], tuple[int, int, int]]:
    """{(part, group): figures} from RAW_SQL, part being district, year or kind."""
    years = list(range(2023, fy + 1))
    params = {"first": fiscal.first_day(fy), "last": fiscal.last_day(fy)}
    values = []
    for year in years:
        params[f"f{year}"], params[f"l{year}"] = fiscal.first_day(year), fiscal.last_day(year)
        values.append(f"({year}, %(f{year})s, %(l{year})s)")
    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL.format(years=", ".join(values)), params)
        return {
            (part, group): (int(a or 0), int(b or 0), int(c or 0))
            for part, group, a, b, c in cursor.fetchall()
        }


def report_figures(report) -> dict[tuple[str, str], tuple[int, int, int]]:
    """The selector's report in the shape of raw_figures, to compare them."""
    names = dict(District.objects.values_list("name", "pk"))
    figures = {
        ("district", str(names[row.label])): (row.needing, row.covered, row.supported_in_year)
        for row in report.districts
        if row.needing
    }
    figures.update(
        {("year", str(year)): (row.needing, row.covered, 0) for year, row in report.history}
    )
    figures.update(
        {
            ("kind", row.kind.value): (
                row.records_in_year,
                row.households_in_year,
                row.households_covered,
            )
            for row in report.kinds
            if row.households_covered
        }
    )
    return figures


def uncached_report(fy: int):
    cache.clear()
    return coverage_report(fy=fy)


def logged_in_client() -> Client:
    user, _created = get_user_model().objects.get_or_create(email="bench-viewer@city.example.jp")
    user.groups.add(Group.objects.get_or_create(name=Duty.REPORT_VIEWER)[0])
    client = Client()
    client.force_login(user)
    return client


def run(bench) -> None:
    households = max(int(HOUSEHOLDS * bench.scale), 100)
    records = max(int(SUPPORT_RECORDS * bench.scale), 1000)
    populate(bench, households=households, records=records)
    fy = fiscal.current_fiscal_year()
    client = logged_in_client()
    url = f"/support/coverage/?fy={fy}"

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    def page_with_charts():
        page()
        for name in ("history", "districts", "kinds"):
            response = client.get(f"/support/coverage/chart/{name}.png?fy={fy}")
            assert response.status_code == 200

    section = f"support ({households:,} households, {records:,} support records)"
    raw = bench.best_of(section, "coverage, one raw SQL aggregate", lambda: raw_figures(fy))
    cache.clear()
    report = bench.best_of(
        section, "coverage, the report's selector, cache cleared", lambda: uncached_report(fy)
    )
    bench.best_of(section, "yearly report page (HTML)", lambda: (cache.clear(), page()))
    bench.best_of(
        section,
        "yearly report page + its 3 charts (PNG)",
        lambda: (cache.clear(), page_with_charts()),
    )

    mine = report_figures(report)
    print(f"  {'figures (part, group)':<28} {'raw SQL':>24} {'report':>24}", flush=True)
    for key in sorted(set(raw) | set(mine)):
        mark = "" if raw.get(key) == mine.get(key) else "  MISMATCH"
        print(f"  {key!s:<28} {raw.get(key)!s:>24} {mine.get(key)!s:>24}{mark}", flush=True)
    sql = bench.seconds("coverage, one raw SQL aggregate")
    bench.ratio(
        "selector / raw SQL",
        bench.seconds("coverage, the report's selector, cache cleared"),
        sql,
        aim=2,
    )
    bench.ratio("report page / raw SQL", bench.seconds("yearly report page (HTML)"), sql, aim=2)
    total = bench.seconds("yearly report page + its 3 charts (PNG)")
    verdict = "ok" if total < 2 else "ABOVE AIM (2 s)"
    print(f"  {'page + charts under 2 s':<60} {total:10.2f} s  {verdict}", flush=True)
