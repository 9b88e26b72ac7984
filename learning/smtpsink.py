"""A real SMTP server on loopback that keeps what it receives (aiosmtpd, a dev dependency).

Used by the tests, ``make bench`` and the load test to deliver mail through the same
``smtp`` backend as production. ``delay`` makes it answer slowly, like a busy relay; ``refuse`` lists addresses it rejects.

    with SMTPSink(port=free_port()) as sink:
        ...
        sink.messages  # [(recipient, subject), ...]
"""

import asyncio
import email
import email.policy
import socket
import threading


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, sink: "SMTPSink"):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.sink.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.sink.lock:
            for recipient in envelope.rcpt_tos:
                self.sink.messages.append((recipient, str(message["subject"])))
                self.sink.raw.append(message)
        return "250 Message accepted for delivery"


class SMTPSink:
    def __init__(
        self, *, port: int | None = None, delay: float = 0.0, refuse: frozenset[str] = frozenset()
    ):
        self.port = port or free_port()
        self.delay = delay
        self.refuse = refuse  # addresses answered "550 no such user"
        self.messages: list[tuple[str, str]] = []
        self.raw: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()
        self._controller = None

    def mailer(self, *, timeout: int = 20) -> dict:
        """The MAILERS entry that sends here."""
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": timeout},
        }

    def __enter__(self) -> "SMTPSink":
        from aiosmtpd.controller import Controller

        self._controller = Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10
        )
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()
