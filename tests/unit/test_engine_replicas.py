"""The API spreads turns over several Rasa replicas and skips one that is down."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from api.engine.rasa import EngineUnavailable, RasaClient
from api.supervisor import Ports, commands


def client(handler) -> RasaClient:  # type: ignore[no-untyped-def]
    transport = httpx.MockTransport(handler)
    return RasaClient("http://a:5005, http://b:5006", 5.0, httpx.AsyncClient(transport=transport))


def reply(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=[{"custom": {"key": f"from.{request.url.host}"}}])


def test_turns_go_round_robin_over_the_replicas() -> None:
    engine = client(reply)

    async def turns() -> list[str]:
        return [(await engine.send("c", "hoi", {})).envelopes[0]["key"] for _ in range(4)]

    assert asyncio.run(turns()) == ["from.a", "from.b", "from.a", "from.b"]


def test_a_replica_that_refuses_connections_is_skipped() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "a":
            raise httpx.ConnectError("refused", request=request)
        return reply(request)

    engine = client(handler)

    async def turns() -> list[str]:
        return [(await engine.send("c", "hoi", {})).envelopes[0]["key"] for _ in range(3)]

    assert asyncio.run(turns()) == ["from.b"] * 3


def test_a_replica_that_took_the_message_is_not_asked_again_elsewhere() -> None:
    # A timeout means the replica may be handling it: the API keeps it pending instead.
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(EngineUnavailable):
        asyncio.run(client(handler).send("c", "hoi", {}))
    assert seen == ["a"]


def test_the_supervisor_starts_replicas_workers_and_a_balancer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ports = Ports(rasa=7005, actions=7055, api=7000, rasa_replicas=2, api_workers=2)
    started = commands(ports, tmp_path / "m.tar.gz", tmp_path / "e.yml")
    assert set(started) == {"rasa", "rasa2", "actions", "api", "api2", "balancer"}
    assert started["rasa2"][-1] == "7006"
    assert [started["api"][-1], started["api2"][-1]] == ["7001", "7002"]
    assert started["balancer"][-3:] == ["127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"]
    assert ports.rasa_urls() == "http://127.0.0.1:7005,http://127.0.0.1:7006"
    single = commands(Ports(), tmp_path / "m.tar.gz", tmp_path / "e.yml")
    assert set(single) == {"rasa", "actions", "api"}


def test_the_balancer_spreads_connections_and_skips_a_dead_worker() -> None:
    from api.balancer import Balancer

    async def scenario() -> list[bytes]:
        async def worker(name: bytes):  # type: ignore[no-untyped-def]
            async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
                await reader.read(10)
                writer.write(name)
                await writer.drain()
                writer.close()

            return await asyncio.start_server(answer, "127.0.0.1", 0)

        one, two = await worker(b"one"), await worker(b"two")
        ports = [server.sockets[0].getsockname()[1] for server in (one, two)]
        dead = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        dead_port = dead.sockets[0].getsockname()[1]
        dead.close()
        await dead.wait_closed()
        balancer = Balancer(
            [("127.0.0.1", ports[0]), ("127.0.0.1", dead_port), ("127.0.0.1", ports[1])]
        )
        front = await asyncio.start_server(balancer.handle, "127.0.0.1", 0)
        front_port = front.sockets[0].getsockname()[1]
        heard = []
        for _ in range(4):
            reader, writer = await asyncio.open_connection("127.0.0.1", front_port)
            writer.write(b"hi")
            await writer.drain()
            heard.append(await reader.read(10))
            writer.close()
        for server in (one, two, front):
            server.close()
        return heard

    assert asyncio.run(scenario()) == [b"one", b"two", b"one", b"two"]
