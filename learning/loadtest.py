"""A busy morning across processes: two gunicorn servers, one PostgreSQL database.

Each app contributes a scenario (``Contributions.loadtest``: ``courses/loadtest.py``
registers 30 staff for 10 seats, ``classes/loadtest.py`` signs up 40 citizens for 12);
every scenario's requests are sent to both servers at once, then the scenario checks that
no seat was oversold, nobody holds two places and the waiting list is in the order seats
were taken. Mail goes through the queue as in production: two ``db_worker`` processes
deliver it to a local SMTP server (aiosmtpd), and every mail must arrive exactly once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m learning.loadtest

It creates (and drops) its own database ``learning_loadtest`` on that server. Only
loopback addresses are used; every request loop is bounded in count and time.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("LOADTEST_DATABASE", "learning_loadtest")
TIMEOUT = 30
STATIC_ROOT = str(Path(tempfile.gettempdir()) / "learning-loadtest-static")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, smtp_port: int = 0) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="learning.settings",
        DJANGO_SECRET_KEY="loadtest-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_EMAIL_BACKEND="smtp" if smtp_port else "locmem",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_port),
        LEARNING_REQUIRE_MFA="0",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=STATIC_ROOT,
        CLASSES_SIGNUP_RATE="10000/m",  # all the load comes from 127.0.0.1
    )
    return env


def admin_url(database_url: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def recreate_database(database_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url(database_url), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DB_NAME}")
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DB_NAME}"))


def drop_database(database_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(database_url), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def setup_django(database_url: str) -> None:
    os.environ.update(server_env(database_url))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)


def logged_in_session(user) -> str:
    """A database session for ``user``, as after a login: the key for its cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def scenarios() -> list:
    """Every app's scenario, built in the database before the servers start."""
    from learning import plugins

    return [module.build() for _config, module in plugins.modules("loadtest")]


class Browser:
    """A tiny cookie-keeping HTTP client (stdlib only), enough for CSRF-protected forms."""

    def __init__(self, base: str, session_key: str | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        if session_key:
            self.jar.set_cookie(make_cookie("sessionid", session_key))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=TIMEOUT) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str], *, page: str) -> int:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = urllib.parse.urlencode(
            {**data, "csrfmiddlewaretoken": match.group(1) if match else ""}
        ).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def make_cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0,
        name,
        value,
        None,
        False,
        "127.0.0.1",
        False,
        False,
        "/",
        True,
        False,
        None,
        False,
        None,
        None,
        {},
    )


def start_workers(database_url: str, smtp_port: int, count: int = 2) -> list[subprocess.Popen]:
    """``manage.py db_worker`` processes, as production runs them."""
    return [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
                "--worker-id",
                f"loadtest-{number}",
                "--verbosity",
                "0",
            ],
            cwd=ROOT,
            env=server_env(database_url, smtp_port),
            start_new_session=True,
        )
        for number in range(count)
    ]


def start_servers(
    database_url: str, count: int = 2, smtp_port: int = 0
) -> tuple[list[subprocess.Popen], list[str]]:
    processes, bases = [], []
    for _ in range(count):
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "learning.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--threads",
                "4",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=server_env(database_url, smtp_port),
            start_new_session=True,
        )
        processes.append(process)
        bases.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    try:
        for base in bases:
            while True:
                try:
                    urllib.request.urlopen(base + "/accounts/login/", timeout=5).read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{base} did not start") from None
                    time.sleep(0.3)
    except BaseException:
        stop_servers(processes)
        raise
    return processes, bases


def stop_servers(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for process in processes:
        process.wait(timeout=30)


def run_concurrently(jobs) -> list:
    """Start every job together (a barrier) and collect their results."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait(timeout=TIMEOUT)
            results[index] = job()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT * 3)
    return results


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("loadtest: set DATABASE_URL to a PostgreSQL server (it creates its own database)")
        return 2
    test_url = recreate_database(database_url)
    print(f"loadtest: database {DB_NAME}; migrating …", flush=True)
    setup_django(test_url)
    built = scenarios()
    print("loadtest: starting two gunicorn servers and two mail workers …", flush=True)
    from learning.smtpsink import SMTPSink

    sink = SMTPSink().__enter__()
    processes, bases = start_servers(test_url, smtp_port=sink.port)
    processes += start_workers(test_url, sink.port)
    failures: list[str] = []
    try:
        for scenario in built:
            jobs = scenario.jobs(bases=bases, browser=Browser)
            started = time.perf_counter()
            results = run_concurrently(jobs)
            print(
                f"loadtest: {scenario.describe()} in {time.perf_counter() - started:.2f} s; "
                f"answers {sorted(set(map(str, results)))}",
                flush=True,
            )
            failures += scenario.check()
        failures += check_mail(sink)
    finally:
        stop_servers(processes)
        sink.__exit__(None, None, None)
        from django.db import connections

        connections.close_all()
        drop_database(database_url)
    if failures:
        for failure in failures:
            print(f"loadtest: FAIL {failure}")
        print("0 passed, 1 failed")
        return 1
    print(
        "loadtest: no seat oversold, nobody registered twice, waiting lists in order, "
        "every mail delivered once"
    )
    return 0


def check_mail(sink, *, wait: float = 90) -> list[str]:
    """Every queued mail is delivered by the workers, each exactly once."""
    from learning.models import MailStatus, OutgoingMail

    deadline = time.monotonic() + wait
    while (
        OutgoingMail.objects.exclude(status=MailStatus.SENT).exists()
        and time.monotonic() < deadline
    ):
        time.sleep(0.5)
    time.sleep(1)  # a duplicate, were there one, would arrive now
    queued = sorted(OutgoingMail.objects.values_list("recipient", flat=True))
    delivered = sorted(recipient for recipient, _subject in sink.messages)
    print(f"loadtest: {len(queued)} mails queued, {len(delivered)} delivered", flush=True)
    problems = []
    if not queued:
        problems.append("mail: nothing was queued")
    unsent = OutgoingMail.objects.exclude(status=MailStatus.SENT).count()
    if unsent:
        problems.append(f"mail: {unsent} mails not sent after {wait:.0f} s")
    if delivered != queued:
        problems.append("mail: the mails delivered are not the mails queued, once each")
    return problems


if __name__ == "__main__":
    sys.exit(main())
