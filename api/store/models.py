"""The API's tables. Rasa keeps its own `events` table (tracker store) beside these."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    # Who helped fill it in ("samen invullen"); null for a resident on their own.
    assisted_by: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    reference: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Next sequence number for this conversation's messages: keeps their order exact.
    next_seq: Mapped[int] = mapped_column(Integer, default=1)


class Message(Base):
    """Every message in and out, stored before it is forwarded (nothing is lost)."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_messages_conversation_seq"),
        Index("ix_messages_pending", "conversation_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "in": from the resident (text, payload, or the start signal); "out": to the resident.
    direction: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    # For "out": the envelope as the engine sent it (key, vars, expects, buttons).
    envelope: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # For "in": pending until the engine has answered it, then done.
    status: Mapped[str] = mapped_column(String(8), default="done")
    # For "out": the seq of the incoming message this answers, so each request
    # returns the replies to its own message even when turns run concurrently.
    reply_to: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Intake(Base):
    """A handed-off intake: the summary the front office works from."""

    __tablename__ = "intakes"
    __table_args__ = (Index("ix_intakes_queue", "status", "urgency_rank", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # One conversation hands off at most one intake: this makes handoffs idempotent.
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), unique=True, nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    status: Mapped[str] = mapped_column(String(20), default="nieuw")
    urgency: Mapped[str] = mapped_column(String(10))
    # 0 acute, 1 high, 2 normal: the queue sorts on it.
    urgency_rank: Mapped[int] = mapped_column(Integer)
    callback_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)


class ReferenceCounter(Base):
    """Last reference number per year; incremented atomically at each handoff."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class ApiToken(Base):
    """Bearer tokens for other systems and staff tools. Only a hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ResumeCode(Base):
    __tablename__ = "resume_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
