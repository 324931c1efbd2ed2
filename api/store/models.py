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
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from api.store.encrypted import EncryptedJSON, EncryptedText


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Last activity: every stored message bumps it (next_seq changes).
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)
    language: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    # Who helped fill it in ("samen invullen"); null for a resident on their own.
    assisted_by: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    reference: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Next sequence number for this conversation's messages: keeps their order exact.
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    # Set by the retention job when the messages were deleted (the summary may remain).
    transcript_deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)


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
    # What the resident typed: encrypted at rest.
    body: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    # For "out": the envelope as the engine sent it (key, vars, expects, buttons).
    # Encrypted too: its variables can repeat the resident's words (the read-back).
    envelope: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON, nullable=True)
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
    # The household's story in the resident's words: encrypted at rest.
    summary: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    # When the front office closed it (a status in VOORDEUR_CLOSED_STATUSES): the
    # retention periods for the transcript and the summary count from here.
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True, index=True)
    # For the queue's filters, kept beside the summary so they need no JSON query:
    # ",debts,housing," (life domains with a concern or a problem) and ",schuldhulp,".
    domains: Mapped[str] = mapped_column(String(400), default=",")
    teams: Mapped[str] = mapped_column(String(200), default=",")
    claimed_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StaffAccount(Base):
    """A front-office member, team lead or admin who signs in to the staff pages."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    # For a welfare worker: their organisation, shown to the front office with the intake.
    organisation: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # argon2id (api/staff/passwords.py); never the password itself.
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(nullable=True)


class StaffSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class IntakeNote(Base):
    __tablename__ = "intake_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"), index=True)
    staff_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "note" for a note; "callback_done" / "callback_failed" for a call, with its text.
    kind: Mapped[str] = mapped_column(String(20), default="note")
    # Staff notes about a household: encrypted at rest like the transcript.
    text: Mapped[str] = mapped_column(EncryptedText)


class AuditEntry(Base):
    """Append-only: who saw, changed or exported which intake, and when.

    The application only ever inserts here (api/audit.py); no route edits or deletes.
    Entries name the reference and the staff member, never the resident's data.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_reference", "reference", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(String(20), nullable=True)
    detail: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Notification(Base):
    """The outbox of mails to the on-duty front office about an urgent intake.

    Written in the same transaction as the intake, so a filed acute intake always has its
    notification; sent right after, and retried until the mail server takes it. Holds no
    personal data: the mail names the reference and the urgency, staff open Voordeur.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_pending", "status", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # One row per recipient address, so one bad address does not hold back the others.
    recipient: Mapped[str] = mapped_column(String(254))
    # pending until the mail server accepted it, then sent.
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # The kind of failure only (an exception's class), never message text.
    last_error: Mapped[str | None] = mapped_column(String(100), nullable=True)


class ChannelSession(Base):
    """Which conversation a phone call or a messaging number is in.

    The key is an HMAC of the provider's identifier (a call's id, a sender's number), so
    the table holds no phone numbers. It also keeps what a numbered choice means ("1" is
    "Ja") and, for calls, how often the caller was silent.
    """

    __tablename__ = "channel_sessions"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    silences: Mapped[int] = mapped_column(Integer, default=0)
    # {"1": "<payload>", ...} for the last question's choices.
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


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
