"""Faults on demand: a TCP proxy that can be cut, or that swallows answers.

The services under test connect to the proxy instead of the real server (PostgreSQL,
Rasa). The test then:

- `cut()`: every open connection is broken and new ones are closed at once, as when
  the server stops (`refused` counts those attempts, so a test can wait until the
  service under test has noticed); `restore()` lets connections through again;
- `swallow_next_answer()`: the next request goes through, but its answer is dropped
  and the connection closed, as when a network or a load balancer loses a response
  the server did send (the server has done the work; the client never hears it).

Runs in a thread of the test process with its own event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from tests.support.services import free_port


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.AbstractServer | None = None
        self._connections: set[asyncio.StreamWriter] = set()
        self._swallow = 0
        self.swallowed = 0
        self._refusing = False
        self.refused = 0
        self._refused_event = threading.Event()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._listen())

    def _call(self, coroutine):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._refusing:
            self.refused += 1
            self._refused_event.set()
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            writer.close()
            return
        self._connections.update((writer, up_writer))
        try:
            await asyncio.gather(
                self._pipe(reader, up_writer, answers=False),
                self._pipe(up_reader, writer, answers=True),
                return_exceptions=True,
            )
        finally:
            for side in (writer, up_writer):
                self._connections.discard(side)
                side.close()

    async def _pipe(
        self, source: asyncio.StreamReader, target: asyncio.StreamWriter, *, answers: bool
    ) -> None:
        try:
            while data := await source.read(65536):
                if answers and self._swallow:
                    # The server answered; the client never hears it.
                    self._swallow -= 1
                    self.swallowed += 1
                    target.transport.abort()
                    return
                target.write(data)
                await target.drain()
        finally:
            target.close()

    async def _cut(self) -> None:
        self._refusing = True
        for writer in list(self._connections):
            writer.transport.abort()
        self._connections.clear()

    async def _restore(self) -> None:
        self._refusing = False

    def cut(self) -> None:
        self._refused_event.clear()
        self._call(self._cut())

    def restore(self) -> None:
        self._call(self._restore())

    def wait_refused(self, timeout: float = 60.0) -> bool:
        """Block until a client tried to connect while cut (it noticed the outage)."""
        return self._refused_event.wait(timeout)

    def swallow_next_answer(self) -> None:
        async def arm() -> None:
            self._swallow += 1

        self._call(arm())

    @contextlib.contextmanager
    def down(self) -> Iterator[None]:
        self.cut()
        try:
            yield
        finally:
            self.restore()

    def close(self) -> None:
        self._call(self._cut())
        if self._server is not None:
            self._server.close()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
