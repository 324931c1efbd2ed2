"""Scale-out and faults between the pieces: two Rasa replicas, two API workers.

One conversation alternates between the workers (and so between the replicas) and
stays one consistent conversation; two messages on two workers at once keep their
order; an engine answer lost on the way is not handled twice (one intake); and the
database going away mid-conversation costs the resident nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from api.store.db import get_async_engine, session_scope
from api.store.models import Intake, Message
from api.summary_schema import problems
from tests.conftest import require
from tests.e2e.conftest import make_token
from tests.support.chat import Chat
from tests.support.cluster import REDIS, Cluster, build_cluster
from tests.support.tracker import user_texts

pytestmark = pytest.mark.e2e

RETRY_SECONDS = 6


def redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def cluster(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    require(redis_up(), f"Redis at {REDIS} (the lock store several replicas share)")
    cluster = build_cluster(
        database_url,
        Path(tmp_path_factory.mktemp("cluster")),
        {"VOORDEUR_DATABASE_RETRY_SECONDS": str(RETRY_SECONDS)},
    )
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


class AlternatingChat(Chat):
    """A resident whose every turn lands on the other API worker (so the other replica)."""

    def __init__(self, cluster: Cluster):
        super().__init__(cluster.api_url(0))
        self.clients = [self.http, httpx.Client(base_url=cluster.api_url(1), timeout=60.0)]

    def _send(self, body: dict[str, Any]) -> dict[str, Any]:
        self.http = self.clients[self.turns % 2]
        return super()._send(body)

    def __exit__(self, *_exc: object) -> None:
        for client in self.clients:
            client.close()


def count(database_url: str, query: Any) -> int:
    async def run() -> int:
        try:
            async with session_scope(database_url) as db:
                return int(await db.scalar(query) or 0)
        finally:
            await get_async_engine(database_url).dispose()

    return asyncio.run(run())


def intakes_of(database_url: str, conversation_id: str) -> int:
    return count(
        database_url, select(func.count()).where(Intake.conversation_id == conversation_id)
    )


def resident_messages(database_url: str, conversation_id: str) -> int:
    return count(
        database_url,
        select(func.count()).where(
            Message.conversation_id == conversation_id,
            Message.direction == "in",
            Message.kind != "start",
        ),
    )


def test_one_conversation_alternating_between_replicas_stays_consistent(
    cluster: Cluster,
) -> None:
    with AlternatingChat(cluster) as chat:
        chat.start()
        chat.click("yes")
        assert chat.asked() == "request.open"
        chat.say("ik heb schulden en de huur is te laat")
        assert chat.asked() == "household.members"
        chat.say("ik en mijn zoon van 9")
        chat.answer_until("finished")
        assert chat.turns > 15
        reference = chat.last["state"]["reference"]
        conversation = chat.conversation_id

    # Every message was handled once, by whichever replica, in order.
    texts = user_texts(cluster.database_url, conversation)
    assert len(texts) == resident_messages(cluster.database_url, conversation) + 1  # + /start
    assert intakes_of(cluster.database_url, conversation) == 1
    token = make_token(cluster.database_url, "frontoffice")
    summary = httpx.get(
        f"{cluster.api_url(1)}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert problems(summary) == []
    assert {"debts", "housing"} <= {d["key"] for d in summary["domains"]}


def test_two_messages_on_two_workers_at_once_keep_their_order(cluster: Cluster) -> None:
    with Chat(cluster.api_url(0)) as chat:
        chat.start()
        conversation = chat.conversation_id
    texts = ["ja", "ik heb schulden"]
    answers: dict[str, httpx.Response] = {}
    ready = threading.Barrier(2)

    def send(worker: int, text: str) -> None:
        with httpx.Client(base_url=cluster.api_url(worker), timeout=60) as client:
            ready.wait()
            answers[text] = client.post(
                f"/api/conversations/{conversation}/messages", json={"text": text}
            )

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(texts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answers[text].status_code for text in texts] == [200, 200]
    history = httpx.get(f"{cluster.api_url(1)}/api/conversations/{conversation}").json()
    stored = [m["text"] for m in history["messages"] if m["from"] == "resident"]
    assert sorted(stored) == sorted(texts)
    assert user_texts(cluster.database_url, conversation)[-2:] == stored


def test_an_engine_answer_lost_on_the_way_is_not_handled_twice(cluster: Cluster) -> None:
    with Chat(cluster.api_url(0)) as chat:  # worker 1 reaches its replica through the proxy
        chat.start()
        chat.click("yes")
        chat.say("ik heb een vraag over een traplift")
        chat.say("ik woon alleen")
        chat.answer_until("confirm.summary")
        conversation = chat.conversation_id

        cluster.engine_proxy.swallow_next_answer()
        lost = chat.click("yes")  # the engine files the intake; its answer is lost
        assert cluster.engine_proxy.swallowed == 1
        assert [m["key"] for m in lost["messages"]] == ["system.unavailable"]
        # The intake was filed during that turn: the state already says so.
        filed = lost["state"]["reference"]
        assert intakes_of(cluster.database_url, conversation) == 1

        # Reading the conversation hands the pending "ja" over again: the engine
        # recognises it and repeats its stored answer instead of handling it twice.
        again = httpx.get(f"{cluster.api_url(0)}/api/conversations/{conversation}").json()
        assert again["state"] == {"finished": True, "reference": filed, "language": "nl"}
        # The stored answer came through after all: the confirmation, not an outage.
        keys = [m["key"] for m in again["messages"]]
        assert keys[-2:] == ["intake.confirmed", "intake.callback_at"]
        assert keys.count("intake.confirmed") == 1
        reference = filed

    assert intakes_of(cluster.database_url, conversation) == 1
    texts = user_texts(cluster.database_url, conversation)
    assert len(texts) == resident_messages(cluster.database_url, conversation) + 1
    # And on the other worker it reads the same.
    other = httpx.get(f"{cluster.api_url(1)}/api/conversations/{conversation}").json()
    assert other["state"] == {"finished": True, "reference": reference, "language": "nl"}


def postgres(cluster: Cluster) -> bool:
    return make_url(cluster.database_url).get_backend_name() == "postgresql"


def test_database_away_for_a_moment_costs_the_resident_nothing(cluster: Cluster) -> None:
    if not postgres(cluster):
        pytest.skip("SQLite is a file: it cannot go away for a moment (see the next test)")
    assert cluster.db_proxy is not None
    with Chat(cluster.api_url(1)) as chat:
        chat.start()
        chat.click("yes")
        conversation = chat.conversation_id
        result: dict[str, Any] = {}

        def answer() -> None:
            result["answer"] = chat.say("mijn huur is te laat")

        cluster.db_proxy.cut()
        try:
            sender = threading.Thread(target=answer)
            sender.start()
            # The API noticed the outage (it tried to connect) before it comes back.
            assert cluster.db_proxy.wait_refused(timeout=30)
        finally:
            cluster.db_proxy.restore()
        sender.join(timeout=120)
        assert "answer" in result, "no answer"
        assert chat.asked() == "household.members"
        chat.say("ik woon alleen")
        assert chat.last["state"]["finished"] is False
        assert user_texts(cluster.database_url, conversation).count("mijn huur is te laat") == 1


class SqliteWriteLock:
    """Another process holds SQLite's write lock (a backup, a long migration)."""

    def __init__(self, path: str):
        self.connection = sqlite3.connect(path, timeout=1, isolation_level=None)

    def __enter__(self) -> None:
        self.connection.execute("BEGIN EXCLUSIVE")

    def __exit__(self, *_exc: object) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def test_database_away_for_long_the_resident_is_told_and_can_go_on(cluster: Cluster) -> None:
    with Chat(cluster.api_url(1)) as chat:
        chat.start()
        chat.click("yes")
        conversation = chat.conversation_id
        before = resident_messages(cluster.database_url, conversation)
        if postgres(cluster):
            assert cluster.db_proxy is not None
            outage: Any = cluster.db_proxy.down()
        else:
            outage = SqliteWriteLock(make_url(cluster.database_url).database or "")
        with outage:
            answer = chat.say("mijn huur is te laat")  # 200, never a 5xx
        assert [m["key"] for m in answer["messages"]] == ["system.not_saved"]
        assert answer["state"]["saved"] is False
        assert "opnieuw" in answer["messages"][0]["text"]
        # Nothing half stored: the message is not there, so sending it again is right.
        assert resident_messages(cluster.database_url, conversation) == before
        chat.say("mijn huur is te laat")
        assert chat.asked() == "household.members"
