"""`make bench`: speed figures for the pages that grow with the city's data.

Runs on a throwaway database (SQLite file under /tmp, or BENCH_DATABASE_URL for
PostgreSQL), never on the development database. The core measures its roster import
(``learning.directory.bench``); each app contributes a bench module
(``Contributions.bench``) with ``run(bench: Bench)``; this module sets up Django, migrates
and calls them in turn.

    make bench                       # every app
    make bench BENCH_ARGS="courses"  # one app
"""

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


class Bench:
    """Prints progress and figures as they come, so a long run shows it is alive."""

    def __init__(self, *, scale: float):
        self.scale = scale
        self.results: list[tuple[str, str, float]] = []

    def step(self, message: str) -> None:
        print(f"  … {message}", flush=True)

    def progress(self, done: int, total: int, label: str) -> None:
        if total and (done == total or done % max(total // 10, 1) == 0):
            print(f"    {label}: {done:,}/{total:,} ({100 * done / total:.0f}%)", flush=True)

    @contextmanager
    def timed(self, section: str, label: str):
        start = time.perf_counter()
        yield
        seconds = time.perf_counter() - start
        self.results.append((section, label, seconds))
        print(f"  {label:<60} {seconds * 1000:10.1f} ms", flush=True)

    def best_of(self, section: str, label: str, func, *, repeat: int = 3):
        """Run ``func`` ``repeat`` times and record the fastest run; returns its result."""
        best, result = float("inf"), None
        for _ in range(repeat):
            start = time.perf_counter()
            result = func()
            best = min(best, time.perf_counter() - start)
        self.results.append((section, label, best))
        print(f"  {label:<60} {best * 1000:10.1f} ms (best of {repeat})", flush=True)
        return result

    def median_of(self, section: str, label: str, func, *, repeat: int = 15) -> float:
        """Run ``func`` ``repeat`` times and record the median run (for requests, where one
        slow outlier says little); returns the seconds."""
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            func()
            runs.append(time.perf_counter() - start)
        median = sorted(runs)[len(runs) // 2]
        self.results.append((section, label, median))
        print(f"  {label:<60} {median * 1000:10.1f} ms (median of {repeat})", flush=True)
        return median

    def ratio(
        self, label: str, numerator: float, denominator: float, *, aim: float | None = None
    ) -> None:
        value = numerator / denominator if denominator else float("inf")
        verdict = "" if aim is None else ("  ok" if value <= aim else f"  ABOVE AIM ({aim}×)")
        print(f"  {label:<60} {value:10.2f} ×{verdict}", flush=True)

    def seconds(self, label: str) -> float:
        return next(s for _section, name, s in reversed(self.results) if name == label)


def setup_django(database_url: str | None) -> None:
    if database_url is None:
        path = Path(tempfile.gettempdir()) / "learning-bench.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database_url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "learning.test_settings"
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("django.tasks").setLevel(logging.WARNING)  # one line per task otherwise
    print(f"database: {database_url}", flush=True)
    call_command("migrate", verbosity=0, interactive=False)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("apps", nargs="*", metavar="APP", help="apps to measure (default: all)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the full data size (e.g. 0.1)"
    )
    args = parser.parse_args(argv)
    setup_django(os.environ.get("BENCH_DATABASE_URL"))
    from learning import plugins
    from learning.directory import bench as directory_bench

    # The core's own figures (the roster import), then each app's.
    benches = {"learning": directory_bench}
    benches.update((config.label, module) for config, module in plugins.modules("bench"))
    unknown = sorted(set(args.apps) - set(benches))
    if unknown:
        parser.error(f"unknown app(s): {', '.join(unknown)}; choose from {', '.join(benches)}")
    bench = Bench(scale=args.scale)
    for label, module in benches.items():
        if args.apps and label not in args.apps:
            continue
        print(f"== {label}", flush=True)
        module.run(bench)
    return 0


if __name__ == "__main__":
    sys.exit(main())
