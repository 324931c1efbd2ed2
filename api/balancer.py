"""A tiny round-robin TCP balancer for several API workers on one machine.

`python -m api.balancer --listen 127.0.0.1:8000 127.0.0.1:8001 127.0.0.1:8002`

Each new client connection goes to the next worker; a worker that refuses the
connection is skipped. This stands in for the load balancer of a production layout
(README, "Production layout") so `make run`-style scale-out works on one machine; it
does not parse HTTP and keeps no state, so any worker may serve any conversation.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging

from api import logging_filter

log = logging.getLogger("api.balancer")


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


class Balancer:
    def __init__(self, backends: list[tuple[str, int]]):
        self._backends = backends
        self._next = itertools.cycle(range(len(backends)))

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        last: OSError | None = None
        for _ in self._backends:
            host, port = self._backends[next(self._next)]
            try:
                return await asyncio.open_connection(host, port)
            except OSError as error:
                last = error
        raise ConnectionError("no API worker answers") from last

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await self._connect()
        except ConnectionError as error:
            log.warning("%s", error)
            writer.close()
            return
        await asyncio.gather(
            _pipe(reader, upstream_writer), _pipe(upstream_reader, writer), return_exceptions=True
        )


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            target.write(data)
            await target.drain()
    finally:
        target.close()


async def serve(listen: tuple[str, int], backends: list[tuple[str, int]]) -> None:
    balancer = Balancer(backends)
    server = await asyncio.start_server(balancer.handle, *listen, backlog=1024)
    log.info("balancing %s over %d workers", listen, len(backends))
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m api.balancer")
    parser.add_argument("--listen", required=True, help="host:port")
    parser.add_argument("backends", nargs="+", help="host:port of each API worker")
    args = parser.parse_args(argv)
    logging_filter.install()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    asyncio.run(serve(_address(args.listen), [_address(b) for b in args.backends]))


if __name__ == "__main__":
    main()
