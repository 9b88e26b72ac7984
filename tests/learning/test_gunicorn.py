"""gunicorn as the README starts it: a client behind the proxy cannot choose SCRIPT_NAME or
PATH_INFO with a header (gunicorn's default trusts those headers from the proxy's address)."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from learning.loadtest import free_port

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "learning" / "gunicorn_conf.py"


def serve(*args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            *args,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--log-level",
            "warning",
            "tests.learning.echo_wsgi",
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.1)


def environ_seen(port: int, *headers: str) -> list[str]:
    """SCRIPT_NAME, PATH_INFO and X-Forwarded-For as the app saw them (the request comes
    from 127.0.0.1, the proxy's address)."""
    request = "\r\n".join(
        ["GET /accounts/login/ HTTP/1.1", "Host: testserver", *headers, "Connection: close", "", ""]
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        answer = b""
        while chunk := connection.recv(4096):
            answer += chunk
    return answer.split(b"\r\n\r\n", 1)[1].decode().split("|")


@pytest.fixture
def server(request):
    process, port = serve(*request.param)
    yield port
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("server", [("-c", str(CONFIG))], indirect=True)
def test_a_script_name_header_does_not_change_the_path_django_sees(server):
    seen = environ_seen(
        server, "SCRIPT_NAME: /accounts", "PATH_INFO: /x", "X-Forwarded-For: 203.0.113.5"
    )
    assert seen == ["", "/accounts/login/", "203.0.113.5"]


@pytest.mark.parametrize("server", [()], indirect=True)
def test_gunicorn_defaults_would_let_the_header_choose_the_path(server):
    # Why the README's command passes the settings file: without it the header wins.
    assert environ_seen(server, "SCRIPT_NAME: /accounts")[:2] == ["/accounts", "/login/"]


def test_the_settings_trust_only_the_local_proxy():
    from gunicorn.config import Config

    config = Config()
    namespace: dict = {}
    exec(CONFIG.read_text(), namespace)
    for name in ("forwarded_allow_ips", "forwarder_headers", "header_map"):
        config.set(name, namespace[name])
    assert config.forwarder_headers == []
    assert config.header_map == "drop"
    assert "*" not in config.forwarded_allow_ips
