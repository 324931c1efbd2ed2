"""The turn: store first, then forward to the engine, then store and render the replies.

Nothing a resident says is lost: an incoming message is committed as `pending` before
the engine sees it. If the engine is down, the resident gets a calm message with the
phone hours and a resume code, and the pending messages go to the engine, in order,
on the next turn (or when the conversation is resumed).

Each database step is one transaction, tried again while the database is briefly away
(api/store/retry.py). A message carries its id to the engine, which answers a message
it has already handled with the same replies (rasa_ext/turns.py): sending a pending
message again after a lost answer never makes the engine handle it twice.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.conversations.codes import new_code, normalise_code
from api.conversations.locks import ConversationLocks, Renew, TurnBusy
from api.conversations.withhold import WITHHELD, withhold_all
from api.engine.rasa import EngineReply, EngineUnavailable, RasaClient
from api.render import Audience, payload_title, render_envelope, render_text
from api.settings import Settings
from api.store.db import session_scope
from api.store.models import Conversation, Message, ResumeCode, utcnow
from api.store.retry import retrying
from content.loader import LANGUAGES

log = logging.getLogger(__name__)
T = TypeVar("T")

START = "/start"
UNAVAILABLE = "system.unavailable"
# The key in the engine's metadata that makes a resent message recognisable.
MESSAGE_ID = "voordeur_message_id"


class ConversationNotFound(LookupError):
    pass


@dataclass
class TurnResult:
    conversation: Conversation
    messages: list[dict[str, Any]] = field(default_factory=list)

    @property
    def state(self) -> dict[str, Any]:
        reference = self.conversation.reference
        # `language` is an addition to the contract: the language the resident chose.
        return {
            "finished": reference is not None,
            "reference": reference,
            "language": self.conversation.language,
        }


class ConversationService:
    def __init__(self, settings: Settings, engine: RasaClient, redis: Any | None = None):
        self._settings = settings
        self._engine = engine
        # The shared lease outlives a few engine timeouts and is renewed per message.
        lease = max(60.0, settings.engine_timeout_seconds * 4)
        self._locks = ConversationLocks(redis, lease_seconds=lease)

    def _db(self):  # type: ignore[no-untyped-def]
        return session_scope(self._settings.database_url)

    async def _unit(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """One transaction, tried again while the database is briefly unreachable."""

        async def once() -> T:
            async with self._db() as db:
                return await work(db)

        return await retrying(once, self._settings.database_retry_seconds)

    async def start(
        self, language: str, channel: str, assisted_by: dict[str, Any] | None = None
    ) -> TurnResult:
        conversation_id = secrets.token_urlsafe(18)

        async def store(db: AsyncSession) -> int:
            conversation = Conversation(
                id=conversation_id, language=language, channel=channel, assisted_by=assisted_by
            )
            db.add(conversation)
            await db.flush()
            return await _store_in(db, conversation, kind="start", body=START)

        seq = await self._unit(store)
        return await self._turn(conversation_id, seq)

    async def send(
        self,
        conversation_id: str,
        *,
        text: str | None,
        payload: str | None,
        channel: str | None = None,
    ) -> TurnResult:
        """`channel` renders the replies for the door this message came through (a web
        conversation resumed on the phone is spoken), whatever door it started at."""

        async def store(db: AsyncSession) -> int:
            conversation = await _get(db, conversation_id, lock=True)
            kind, body = ("payload", payload) if payload is not None else ("text", text)
            return await _store_in(db, conversation, kind=kind, body=body)

        seq = await self._unit(store)
        return await self._turn(conversation_id, seq, channel)

    async def keep(self, conversation_id: str, text: str) -> None:
        """Store words that are not an answer to the question on the table (the text that
        opened a conversation by SMS): in the transcript for staff, not sent to the engine."""

        async def store(db: AsyncSession) -> None:
            conversation = await _get(db, conversation_id, lock=True)
            seq = await _store_in(db, conversation, kind="text", body=text)
            await db.execute(
                update(Message)
                .where(Message.conversation_id == conversation_id, Message.seq == seq)
                .values(status="done")
            )

        await self._unit(store)

    async def history(self, conversation_id: str, channel: str | None = None) -> TurnResult:
        """All messages so far; first gives pending ones to the engine if it is back."""
        await self._unit(lambda db: _get(db, conversation_id))
        await self._turn(conversation_id)

        async def read(db: AsyncSession) -> tuple[Conversation, list[Message]]:
            conversation = await _get(db, conversation_id)
            rows = (
                await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation_id)
                    .order_by(Message.seq)
                )
            ).all()
            return conversation, list(rows)

        conversation, rows = await self._unit(read)
        audience = _audience(conversation, channel)
        messages = [as_message(row, audience) for row in rows if row.kind != "start"]
        return TurnResult(conversation, messages)

    async def resume_code(self, conversation_id: str) -> str:
        async def make(db: AsyncSession) -> str:
            conversation = await _get(db, conversation_id)
            return await self._code_for(db, conversation)

        return await self._unit(make)

    async def resume(self, raw_code: str) -> tuple[str, dict[str, Any] | None]:
        """The conversation a code belongs to and the last question asked in it."""
        code = normalise_code(raw_code)

        async def find(db: AsyncSession) -> str:
            row = await db.get(ResumeCode, code)
            if row is None or _aware(row.expires_at) < utcnow():
                raise ConversationNotFound(code)
            return row.conversation_id

        conversation_id = await self._unit(find)
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

    async def _turn(
        self, conversation_id: str, upto: int | None = None, channel: str | None = None
    ) -> TurnResult:
        """Give pending messages to the engine, oldest first, one turn at a time.

        Returns the replies to every message this call handed over, and to message
        `upto` (this request's own) even if a concurrent request handed that one over.
        """
        handled: set[int] = set() if upto is None else {upto}
        try:
            async with self._locks.hold(conversation_id) as renew:
                await self._hand_over(conversation_id, upto, handled, renew)
                conversation, replies = await self._unit(
                    lambda db: _replies(db, conversation_id, handled)
                )
        except TurnBusy:
            # Another worker is still busy with this conversation: ours stays pending.
            log.warning("turn lock busy for too long; message kept pending")
            if upto is not None:
                await self._unavailable(conversation_id, upto)
            conversation, replies = await self._unit(
                lambda db: _replies(db, conversation_id, handled)
            )
        audience = _audience(conversation, channel)
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

    async def _hand_over(
        self, conversation_id: str, upto: int | None, handled: set[int], renew: Renew
    ) -> None:
        async def read(db: AsyncSession) -> tuple[Conversation, list[Message]]:
            conversation = await _get(db, conversation_id)
            query = select(Message).where(
                Message.conversation_id == conversation_id, Message.status == "pending"
            )
            if upto is not None:
                query = query.where(Message.seq <= upto)
            return conversation, list((await db.scalars(query.order_by(Message.seq))).all())

        conversation, pending = await self._unit(read)
        for message in pending:
            handled.add(message.seq)
            try:
                reply = await self._engine.send(
                    conversation_id, message.body or "", _metadata(conversation, message)
                )
            except EngineUnavailable as error:
                log.warning("engine unavailable for a turn: %s", error)
                await self._unavailable(conversation_id, message.seq)
                return

            async def store(
                db: AsyncSession, message: Message = message, reply: EngineReply = reply
            ) -> None:
                stored = await db.get(Message, message.id)
                stored.status = "done"
                fresh = await _get(db, conversation_id, lock=True)
                for envelope in reply.envelopes:
                    if envelope.get("set_language") in LANGUAGES:
                        # The resident chose another language: every later message, on
                        # every door and after a resume, is in that language.
                        fresh.language = envelope["set_language"]
                    filled = await self._fill(db, fresh, envelope)
                    if filled.pop("withhold", None) == "all":
                        # No consent: no words of the resident are kept.
                        await withhold_all(db, conversation_id)
                    await _store_out(db, fresh, filled, reply_to=message.seq)

            await self._unit(store)
            await renew()

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
        async def store(db: AsyncSession) -> None:
            conversation = await _get(db, conversation_id, lock=True)
            code = await self._code_for(db, conversation)
            envelope = {"key": UNAVAILABLE, "vars": {"code": code}}
            await _store_out(db, conversation, envelope, reply_to=reply_to)

        await self._unit(store)


def _audience(conversation: Conversation, channel: str | None = None) -> Audience:
    return Audience(language=conversation.language, channel=channel or conversation.channel)


def _metadata(conversation: Conversation, message: Message) -> dict[str, Any]:
    return {
        "language": conversation.language,
        "channel": conversation.channel,
        MESSAGE_ID: f"m{message.id}",
    }


async def _replies(
    db: AsyncSession, conversation_id: str, handled: set[int]
) -> tuple[Conversation, list[Message]]:
    conversation = await _get(db, conversation_id)
    rows = await db.scalars(
        select(Message)
        .where(
            Message.conversation_id == conversation_id,
            Message.direction == "out",
            Message.reply_to.in_(handled),
        )
        .order_by(Message.seq)
    )
    return conversation, list(rows.all())


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
    # One atomic statement, so two workers (or two requests on SQLite, where FOR UPDATE
    # does nothing) never draw the same number: the database orders them. It also
    # bumps updated_at, the conversation's last activity (retention).
    after = await db.scalar(
        update(Conversation)
        .where(Conversation.id == conversation.id)
        .values(next_seq=Conversation.next_seq + 1)
        .returning(Conversation.next_seq)
        .execution_options(synchronize_session=False)
    )
    return int(after) - 1


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


def as_message(row: Message, audience: Audience) -> dict[str, Any]:
    if row.direction == "out":
        return {"from": "bot", **render_envelope(row.envelope or {}, audience)}
    if row.kind == "payload":
        return {
            "from": "resident",
            "text": payload_title(row.body or "", audience),
            "key": None,
            "buttons": [],
        }
    if row.kind == WITHHELD:
        # Kept out of the handoff by the resident: the words are gone, the turn is not.
        return {
            "from": "resident",
            "text": render_text("system.withheld", {}, audience),
            "key": None,
            "buttons": [],
        }
    return {"from": "resident", "text": row.body, "key": None, "buttons": []}
