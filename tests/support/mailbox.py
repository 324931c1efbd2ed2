"""A real SMTP server for tests (aiosmtpd), keeping every mail it takes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from tests.support.services import free_port


class Inbox:
    """An aiosmtpd handler that keeps every mail and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.mails: list[tuple[list[str], Message]] = []
        self.port = 0
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._arrived:
            self.mails.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
            self._arrived.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 20.0) -> None:
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.mails) >= count, timeout):
                raise AssertionError(f"{count} mails expected, {len(self.mails)} arrived")

    def wait_for_subject(self, words: str, timeout: float = 30.0) -> Message:
        """The first mail whose subject holds `words`, once it has arrived."""

        def found() -> Message | None:
            return next((m for _, m in self.mails if words in str(m["Subject"])), None)

        with self._arrived:
            if not self._arrived.wait_for(lambda: found() is not None, timeout):
                raise AssertionError(f"no mail about {words!r} arrived")
            return found()  # type: ignore[return-value]

    def to(self, recipient: str) -> list[Message]:
        return [mail for recipients, mail in self.mails if recipient in recipients]


@contextmanager
def mail_server(port: int | None = None) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = port or free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
