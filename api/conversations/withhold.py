"""Answers the resident kept out of the handoff (`consent.not_to_share`) leave the transcript.

The engine tells which question each bot message asked (`expects.question`), so the
resident's messages that answered a question of a kept-out life domain are found by
walking the conversation in order. Their words are dropped, not hidden: what the
resident chose not to share is not stored. The read-back shown to them loses those
lines too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.store.models import Message

WITHHELD = "withheld"


async def withhold_domains(db: AsyncSession, conversation_id: str, domains: list[str]) -> int:
    """Drop the words of every answer about these domains. Returns how many were dropped."""
    if not domains:
        return 0
    prefixes = tuple(f"{domain}." for domain in domains)
    rows = await db.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.seq)
    )
    asking: str | None = None
    dropped = 0
    for row in rows:
        if row.direction == "out":
            envelope = row.envelope or {}
            asking = (envelope.get("expects") or {}).get("question") or asking
            if envelope.get("key") == "intake.readback":
                row.envelope = _without_lines(envelope, prefixes)
        elif asking and asking.startswith(prefixes) and row.kind != WITHHELD:
            row.body = None
            row.kind = WITHHELD
            dropped += 1
    return dropped


async def withhold_all(db: AsyncSession, conversation_id: str) -> int:
    """Drop every word the resident typed (no consent): the turns stay, the words go."""
    rows = await db.scalars(
        select(Message).where(
            Message.conversation_id == conversation_id,
            Message.direction == "in",
            Message.kind.in_(("text", "payload")),
            # Messages still waiting for the engine keep their words until their turn.
            Message.status == "done",
        )
    )
    dropped = 0
    for row in rows:
        row.body = None
        row.kind = WITHHELD
        dropped += 1
    return dropped


def _without_lines(envelope: dict[str, Any], prefixes: tuple[str, ...]) -> dict[str, Any]:
    def about(ref: Any) -> bool:
        return isinstance(ref, dict) and str(ref.get("key", "")).startswith(prefixes)

    kept = []
    for line in (envelope.get("vars") or {}).get("readback") or []:
        parts = line.get("vars") or {}
        if about(parts.get("label")):
            continue
        value = parts.get("value")
        if isinstance(value, list):
            # A grouped line ("Niet goed: Schulden, Wonen") loses only the kept-out items.
            value = [item for item in value if not about(item)]
            if not value:
                continue
            line = {**line, "vars": {**parts, "value": value}}
        kept.append(line)
    return {**envelope, "vars": {**(envelope.get("vars") or {}), "readback": kept}}
