"""What the resident keeps out of the handoff leaves the stored transcript when it is filed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from actions.intake.envelopes import text_ref
from api.internal.handoffs import Handoff, _file
from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation, Message
from tests.support.handoffs import settings_for, summary_with
from tests.support.services import free_port

pytestmark = pytest.mark.db


def ask(question: str) -> dict:
    return {"key": question, "expects": {"question": question, "type": "choice", "options": []}}


def readback(*questions: str) -> dict:
    lines = [text_ref("readback.line", label=text_ref(f"{q}.label"), value="x") for q in questions]
    grouped = text_ref(
        "readback.line",
        label=text_ref("readback.group.bad"),
        value=[text_ref("debts.screen.label"), text_ref("housing.screen.label")],
    )
    return {"key": "intake.readback", "vars": {"readback": [grouped, *lines]}}


def test_answers_about_a_kept_out_domain_are_dropped_and_the_rest_stays(database_url: str) -> None:
    settings = settings_for(database_url, free_port(), smtp_host=None)
    conversation_id = f"withhold-{free_port()}"
    turns = [
        ("out", "bot", None, ask("debts.screen")),
        ("in", "text", "slecht, ik heb 8000 euro schuld", None),
        ("out", "bot", None, ask("debts.amount")),
        ("in", "text", "8000", None),
        ("out", "bot", None, ask("housing.screen")),
        ("in", "text", "gaat wel", None),
        ("out", "bot", None, readback("debts.amount", "housing.rent_arrears")),
    ]

    async def scenario() -> list[Message]:
        try:
            async with session_scope(database_url) as db:
                db.add(Conversation(id=conversation_id, language="nl", channel="web"))
                await db.flush()
                for seq, (direction, kind, body, envelope) in enumerate(turns, start=1):
                    db.add(
                        Message(
                            conversation_id=conversation_id,
                            seq=seq,
                            direction=direction,
                            kind=kind,
                            body=body,
                            envelope=envelope,
                        )
                    )
            summary = summary_with()
            summary["consent"]["not_to_share"] = ["debts"]
            await _file(settings, Handoff(conversation_id=conversation_id, summary=summary))
            async with session_scope(database_url) as db:
                rows = await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation_id)
                    .order_by(Message.seq)
                )
                return list(rows)
        finally:
            await get_async_engine(database_url).dispose()

    rows = asyncio.run(scenario())
    answers = [(r.kind, r.body) for r in rows if r.direction == "in"]
    assert answers == [("withheld", None), ("withheld", None), ("text", "gaat wel")]
    lines = rows[-1].envelope["vars"]["readback"]
    assert [line["vars"]["label"]["key"] for line in lines] == [
        "readback.group.bad",
        "housing.rent_arrears.label",
    ]
    assert lines[0]["vars"]["value"] == [{"key": "housing.screen.label"}]
