"""`make bench BENCH_ARGS=learning`: HR's roster import of 10,000 rows — the browser's
preview (a dry run), the first import, and the same file again with transfers — against
the aim of well under 10 s each (gunicorn gives a request 30 s)."""

import datetime as dt
from contextlib import contextmanager

from django.db import connection, transaction

from learning.directory.roster import import_roster
from learning.models import ROLE_SPELLINGS

ROWS = 10_000
AIM_SECONDS = 10.0
ROLES = sorted(set(ROLE_SPELLINGS))


def roster_csv(rows: int, *, moved: bool = False) -> bytes:
    """``rows`` staff in 120 departments; ``moved`` sends every tenth to another department
    and role from the next 1 April (a year's transfers)."""
    lines = ["職員番号,氏名,メールアドレス,所属,職責,適用日,在職"]
    for n in range(rows):
        transferred = moved and n % 10 == 0
        department = f"部署{(n + (7 if transferred else 0)) % 120:03d}"
        role = ROLES[(n + (1 if transferred else 0)) % len(ROLES)]
        day = "2027-04-01" if transferred else "2026-04-01"
        lines.append(f"S{n:06d},職員 {n},staff{n}@city.example.jp,{department},{role},{day},在職")
    return ("\r\n".join(lines) + "\r\n").encode("cp932")


@contextmanager
def counting_queries():
    """Counts every statement (CaptureQueriesContext keeps only the last 9,000)."""
    count = [0]

    def wrapper(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def run(bench) -> None:
    # The apps' benches build their own staff next: leave the database as it was found.
    with transaction.atomic():
        _measure(bench)
        transaction.set_rollback(True)


def _measure(bench) -> None:
    rows = max(int(ROWS * bench.scale), 100)
    section = f"learning (roster import, {rows:,} rows)"
    first, again = roster_csv(rows), roster_csv(rows, moved=True)
    today = dt.date(2026, 5, 1)
    timings = []
    for label, data, dry_run in (
        ("preview of a new roster (dry run)", first, True),
        ("first import", first, False),
        ("preview of the next year's roster (dry run)", again, True),
        ("next year's roster: a tenth transferred", again, False),
    ):
        with counting_queries() as queries, bench.timed(section, label):
            result = import_roster(data=data, dry_run=dry_run, today=today)
        print(
            f"    created {result.created:,}, updated {result.updated:,}, unchanged "
            f"{result.unchanged:,}; {queries[0]:,} SQL queries",
            flush=True,
        )
        timings.append(bench.seconds(label))
    slowest = max(timings)
    verdict = "ok" if slowest < AIM_SECONDS else "ABOVE AIM"
    print(
        f"  {'slowest, aim: under 10 s':<60} {slowest:10.2f} s  {verdict}",
        flush=True,
    )
