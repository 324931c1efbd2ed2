"""The resident decides what is kept: no consent keeps no words, a kept-out domain is dropped."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from api.store.db import get_async_engine, session_scope
from api.store.models import Message
from tests.support.chat import Chat
from tests.support.services import Stack

pytestmark = pytest.mark.e2e


def stored_words(database_url: str, conversation_id: str) -> list[tuple[str, str | None]]:
    async def read() -> list[tuple[str, str | None]]:
        try:
            async with session_scope(database_url) as db:
                rows = await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation_id, Message.direction == "in")
                    .order_by(Message.seq)
                )
                return [(row.kind, row.body) for row in rows]
        finally:
            await get_async_engine(database_url).dispose()

    return asyncio.run(read())


def test_without_consent_no_words_are_kept_and_the_other_ways_in_are_named(
    chat: Chat, stack: Stack
) -> None:
    chat.start()
    chat.say("nee, ik heb schulden bij de bank maar dat wil ik niet online")
    assert chat.keys[0] == "consent.declined"
    assert "14 045" in chat.last["messages"][0]["text"]
    kinds_and_words = stored_words(stack.database_url, chat.conversation_id)
    assert ("withheld", None) in kinds_and_words
    assert not any(body and "schulden" in body for _, body in kinds_and_words)


def test_a_kept_out_domain_reaches_neither_the_summary_nor_the_transcript(
    chat: Chat, stack: Stack, staff_token: str
) -> None:
    chat.start()
    chat.click("yes")
    chat.say("ik heb schulden en ik drink te veel")
    chat.say("ik woon alleen")
    chat.answer_until("substance_use.screen")
    chat.say("ik drink elke dag een fles wodka")
    chat.answer_until("confirm.summary")
    before = [body for _, body in stored_words(stack.database_url, chat.conversation_id)]
    assert any(body and "wodka" in body for body in before)
    chat.click("keep_out")
    chat.click("substance_use")
    assert chat.keys[0] == "confirm.kept_out"
    chat.click("yes")
    reference = chat.last["state"]["reference"]

    summary = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert summary["consent"]["not_to_share"] == ["substance_use"]
    assert "substance_use" not in [d["key"] for d in summary["domains"]]
    words = [body for _, body in stored_words(stack.database_url, chat.conversation_id)]
    assert not any(body and "wodka" in body for body in words)
    # The history the resident sees says a turn was kept out, without the words.
    history = httpx.get(f"{stack.api_url}/api/conversations/{chat.conversation_id}").json()
    assert "wodka" not in str(history)
