"""The turn: store first, then forward to the engine, then store and render the replies.

Nothing a resident says is lost: an incoming message is committed as `pending` before
the engine sees it. If the engine is down, the resident gets a calm message with the
phone hours and a resume code, and the pending messages go to the engine, in order,
on the next turn (or when the conversation is resumed).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations.codes import new_code, normalise_code
from api.conversations.locks import ConversationLocks
from api.engine.rasa import EngineUnavailable, RasaClient
from api.render import Audience, payload_title, render_envelope
from api.settings import Settings
from api.store.db import session_scope
from api.store.models import Conversation, Message, ResumeCode, utcnow

log = logging.getLogger(__name__)

START = "/start"
UNAVAILABLE = "system.unavailable"


class ConversationNotFound(LookupError):
    pass


@dataclass
class TurnResult:
    conversation: Conversation
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def state(self) -> dict[str, Any]:
        reference = self.conversation.reference
        return {"finished": reference is not None, "reference": reference}


class ConversationService:
    def __init__(self, settings: Settings, engine: RasaClient):
        self._settings = settings
        self._engine = engine
        self._locks = ConversationLocks()

    def _db(self):  # type: ignore[no-untyped-def]
        return session_scope(self._settings.database_url)

    async def start(
        self, language: str, channel: str, assisted_by: dict[str, Any] | None = None
    ) -> TurnResult:
        conversation_id = secrets.token_urlsafe(18)
        async with self._db() as db:
            conversation = Conversation(
                id=conversation_id, language=language, channel=channel, assisted_by=assisted_by
            )
            db.add(conversation)
            await db.flush()
            seq = await _store_in(db, conversation, kind="start", body=START)
        return await self._turn(conversation_id, seq)

    async def send(
        self, conversation_id: str, *, text: str | None, payload: str | None
    ) -> TurnResult:
        async with self._db() as db:
            conversation = await _get(db, conversation_id, lock=True)
            kind, body = ("payload", payload) if payload is not None else ("text", text)
            seq = await _store_in(db, conversation, kind=kind, body=body)
        return await self._turn(conversation_id, seq)

    async def history(self, conversation_id: str) -> TurnResult:
        """All messages so far; first gives pending ones to the engine if it is back."""
        async with self._db() as db:
            await _get(db, conversation_id)
        await self._turn(conversation_id)
        async with self._db() as db:
            conversation = await _get(db, conversation_id)
            rows = (
                await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation_id)
                    .order_by(Message.seq)
                )
            ).all()
        audience = _audience(conversation)
        messages = [_as_message(row, audience) for row in rows if row.kind != "start"]
        return TurnResult(conversation, messages)

    async def resume_code(self, conversation_id: str) -> str:
        async with self._db() as db:
            conversation = await _get(db, conversation_id)
            return await self._code_for(db, conversation)

    async def resume(self, raw_code: str) -> tuple[str, dict[str, Any] | None]:
        """The conversation a code belongs to and the last question asked in it."""
        code = normalise_code(raw_code)
        async with self._db() as db:
            row = await db.get(ResumeCode, code)
            if row is None or _aware(row.expires_at) < utcnow():
                raise ConversationNotFound(code)
            conversation_id = row.conversation_id
        history = await self.history(conversation_id)
        last_question = next(
            (message for message in reversed(history.messages) if "expects" in message), None
        )
        return conversation_id, last_question

    async def _code_for(self, db: AsyncSession, conversation: Conversation) -> str:
        existing = await db.scalar(
            select(ResumeCode)
            .where(ResumeCode.conversation_id == conversation.id)
            .order_by(ResumeCode.created_at.desc())
            .limit(1)
        )
        if existing is not None and _aware(existing.expires_at) > utcnow():
            return existing.code
        code = new_code()
        while await db.get(ResumeCode, code) is not None:
            code = new_code()
        db.add(
            ResumeCode(
                code=code,
                conversation_id=conversation.id,
                expires_at=utcnow() + timedelta(days=self._settings.resume_code_days),
            )
        )
        return code

    async def _turn(self, conversation_id: str, upto: int | None = None) -> TurnResult:
        """Give pending messages to the engine, oldest first, one turn at a time.

        Returns the replies to every message this call handed over, and to message
        `upto` (this request's own) even if a concurrent request handed that one over.
        """
        handled: set[int] = set() if upto is None else {upto}
        async with self._locks.hold(conversation_id):
            async with self._db() as db:
                conversation = await _get(db, conversation_id)
                query = select(Message).where(
                    Message.conversation_id == conversation_id, Message.status == "pending"
                )
                if upto is not None:
                    query = query.where(Message.seq <= upto)
                pending = (await db.scalars(query.order_by(Message.seq))).all()
            for message in pending:
                handled.add(message.seq)
                try:
                    reply = await self._engine.send(
                        conversation_id, message.body or "", _metadata(conversation)
                    )
                except EngineUnavailable as error:
                    log.warning("engine unavailable for a turn: %s", error)
                    await self._unavailable(conversation_id, message.seq)
                    break
                async with self._db() as db:
                    stored = await db.get(Message, message.id)
                    stored.status = "done"
                    fresh = await _get(db, conversation_id, lock=True)
                    for envelope in reply.envelopes:
                        filled = await self._fill(db, fresh, envelope)
                        await _store_out(db, fresh, filled, reply_to=message.seq)
            async with self._db() as db:
                conversation = await _get(db, conversation_id)
                replies = (
                    await db.scalars(
                        select(Message)
                        .where(
                            Message.conversation_id == conversation_id,
                            Message.direction == "out",
                            Message.reply_to.in_(handled),
                        )
                        .order_by(Message.seq)
                    )
                ).all()
        audience = _audience(conversation)
        # An "unavailable" answer is news only as the very last reply; an older one
        # (to a message the engine has now handled) is history.
        shown = [
            reply
            for position, reply in enumerate(replies)
            if (reply.envelope or {}).get("key") != UNAVAILABLE or position == len(replies) - 1
        ]
        return TurnResult(
            conversation, [render_envelope(r.envelope or {}, audience) for r in shown]
        )

    async def _fill(
        self, db: AsyncSession, conversation: Conversation, envelope: dict[str, Any]
    ) -> dict[str, Any]:
        """Values only the API knows, asked for by the engine (e.g. a resume code on "pauze")."""
        wanted = envelope.get("fill") or []
        if "resume_code" not in wanted:
            return envelope
        variables = dict(envelope.get("vars") or {})
        variables["code"] = await self._code_for(db, conversation)
        return {**{k: v for k, v in envelope.items() if k != "fill"}, "vars": variables}

    async def _unavailable(self, conversation_id: str, reply_to: int) -> None:
        async with self._db() as db:
            conversation = await _get(db, conversation_id, lock=True)
            code = await self._code_for(db, conversation)
            envelope = {"key": UNAVAILABLE, "vars": {"code": code}}
            await _store_out(db, conversation, envelope, reply_to=reply_to)


def _audience(conversation: Conversation) -> Audience:
    return Audience(language=conversation.language, channel=conversation.channel)


def _metadata(conversation: Conversation) -> dict[str, Any]:
    return {"language": conversation.language, "channel": conversation.channel}


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _get(db: AsyncSession, conversation_id: str, *, lock: bool = False) -> Conversation:
    # `lock` takes the row (FOR UPDATE on PostgreSQL) so message numbers never collide.
    conversation = await db.get(Conversation, conversation_id, with_for_update=lock)
    if conversation is None:
        raise ConversationNotFound(conversation_id)
    return conversation


async def _next_seq(db: AsyncSession, conversation: Conversation) -> int:
    seq = conversation.next_seq
    conversation.next_seq = seq + 1
    await db.flush()
    return seq


async def _store_in(
    db: AsyncSession, conversation: Conversation, *, kind: str, body: str | None
) -> int:
    seq = await _next_seq(db, conversation)
    db.add(
        Message(
            conversation_id=conversation.id,
            seq=seq,
            direction="in",
            kind=kind,
            body=body,
            status="pending",
        )
    )
    return seq


async def _store_out(
    db: AsyncSession, conversation: Conversation, envelope: dict[str, Any], *, reply_to: int
) -> None:
    db.add(
        Message(
            conversation_id=conversation.id,
            seq=await _next_seq(db, conversation),
            direction="out",
            kind="bot",
            envelope=envelope,
            reply_to=reply_to,
        )
    )


def _as_message(row: Message, audience: Audience) -> dict[str, Any]:
    if row.direction == "out":
        return {"from": "bot", **render_envelope(row.envelope or {}, audience)}
    if row.kind == "payload":
        return {
            "from": "resident",
            "text": payload_title(row.body or "", audience),
            "key": None,
            "buttons": [],
        }
    return {"from": "resident", "text": row.body, "key": None, "buttons": []}
