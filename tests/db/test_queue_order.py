"""Acute intakes are at the top of the front office's queue, then high, then the oldest."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.auth.tokens import create_token
from api.internal.handoffs import Handoff, _file
from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation
from tests.support.handoffs import settings_for, summary_with
from tests.support.services import free_port

pytestmark = pytest.mark.db


def test_acute_first_then_high_then_oldest(database_url: str) -> None:
    settings = settings_for(database_url, free_port(), smtp_host=None)

    async def fill() -> tuple[list[str], str]:
        try:
            references = []
            for kinds in [(), ("eviction",), (), ("suicide",), ("no_food",)]:
                conversation_id = f"queue-{free_port()}"
                async with session_scope(database_url) as db:
                    db.add(Conversation(id=conversation_id, language="nl", channel="web"))
                summary = summary_with(*kinds)
                filed = await _file(
                    settings, Handoff(conversation_id=conversation_id, summary=summary)
                )
                references.append(filed["reference"])
            async with session_scope(database_url) as db:
                token = await create_token(db, "queue test", "frontoffice")
            return references, token
        finally:
            await get_async_engine(database_url).dispose()

    (calm1, evict, calm2, suicide, food), token = asyncio.run(fill())
    with TestClient(create_app(settings)) as client:
        listed = client.get(
            "/api/frontoffice/intakes", headers={"Authorization": f"Bearer {token}"}
        ).json()["intakes"]
    mine = [
        i["reference"] for i in listed if i["reference"] in {calm1, evict, calm2, suicide, food}
    ]
    assert mine == [suicide, evict, food, calm1, calm2]
