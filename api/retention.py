"""Retention: personal data is deleted when its period is over. Run daily by a scheduler.

`python -m api.cli retention` (README, "Retention") does, in this order:

1. **Closing dates.** An intake whose status is a closed one (`VOORDEUR_CLOSED_STATUSES`,
   default `afgerond`) and has no `closed_at` gets today's; one that was reopened loses
   it. Periods count from the job's first sight of the closing, so never from earlier.
2. **Abandoned conversations** (no intake was handed off) with no activity for
   `VOORDEUR_RETENTION_ABANDONED_DAYS` (30): deleted whole, with their messages, resume
   codes and the engine's events.
3. **Transcripts** of intakes closed `VOORDEUR_RETENTION_TRANSCRIPT_DAYS` (90) ago: the
   messages, resume codes and the engine's events go; the intake's summary stays.
4. **Summaries** of intakes closed `VOORDEUR_RETENTION_SUMMARY_DAYS` (730) ago: the
   intake goes (its notes and mail outbox rows with it), and the conversation row.

Audit entries are never touched: they name a reference and a staff member, not the
resident's data, and must outlive what they describe. Each step works in batches, one
transaction each, so a stopped job leaves nothing half done and simply goes on next run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, delete, inspect, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.settings import Settings
from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation, Intake, Message, ResumeCode, utcnow

log = logging.getLogger(__name__)

BATCH = 500
ENGINE_EVENTS = "events"  # Rasa's tracker store, in the same database


@dataclass
class RetentionReport:
    closed_stamped: int = 0
    reopened: int = 0
    abandoned_conversations: int = 0
    transcripts: int = 0
    summaries: int = 0
    engine_conversations: int = 0

    def lines(self) -> list[str]:
        return [f"{field.name}: {getattr(self, field.name)}" for field in fields(self)]


async def run_retention(settings: Settings, now: datetime | None = None) -> RetentionReport:
    now = now or utcnow()
    report = RetentionReport()
    events = await _has_engine_events(settings)
    closed = settings.closed()

    async with session_scope(settings.database_url) as db:
        report.closed_stamped = (
            await db.execute(
                update(Intake)
                .where(Intake.status.in_(closed), Intake.closed_at.is_(None))
                .values(closed_at=now)
            )
        ).rowcount
        report.reopened = (
            await db.execute(
                update(Intake)
                .where(Intake.status.not_in(closed), Intake.closed_at.is_not(None))
                .values(closed_at=None)
            )
        ).rowcount

    abandoned_before = now - timedelta(days=settings.retention_abandoned_days)
    abandoned = (
        select(Conversation.id)
        .outerjoin(Intake, Intake.conversation_id == Conversation.id)
        .where(
            Intake.id.is_(None),
            Conversation.reference.is_(None),
            Conversation.updated_at < abandoned_before,
        )
        .limit(BATCH)
    )
    while ids := await _ids(settings, abandoned):
        async with session_scope(settings.database_url) as db:
            report.engine_conversations += await _delete_engine_events(db, ids, events)
            await db.execute(delete(ResumeCode).where(ResumeCode.conversation_id.in_(ids)))
            await db.execute(delete(Message).where(Message.conversation_id.in_(ids)))
            await db.execute(delete(Conversation).where(Conversation.id.in_(ids)))
        report.abandoned_conversations += len(ids)

    transcripts_before = now - timedelta(days=settings.retention_transcript_days)
    transcripts = (
        select(Conversation.id)
        .join(Intake, Intake.conversation_id == Conversation.id)
        .where(Intake.closed_at < transcripts_before, Conversation.transcript_deleted_at.is_(None))
        .limit(BATCH)
    )
    while ids := await _ids(settings, transcripts):
        async with session_scope(settings.database_url) as db:
            report.engine_conversations += await _delete_engine_events(db, ids, events)
            await db.execute(delete(ResumeCode).where(ResumeCode.conversation_id.in_(ids)))
            await db.execute(delete(Message).where(Message.conversation_id.in_(ids)))
            await db.execute(
                update(Conversation)
                .where(Conversation.id.in_(ids))
                .values(transcript_deleted_at=now)
            )
        report.transcripts += len(ids)

    summaries_before = now - timedelta(days=settings.retention_summary_days)
    summaries = select(Intake.id).where(Intake.closed_at < summaries_before).limit(BATCH)
    while ids := await _ids(settings, summaries):
        async with session_scope(settings.database_url) as db:
            conversation_ids = [
                cid
                for cid in await db.scalars(
                    select(Intake.conversation_id).where(Intake.id.in_(ids))
                )
                if cid
            ]
            report.engine_conversations += await _delete_engine_events(db, conversation_ids, events)
            await db.execute(delete(Intake).where(Intake.id.in_(ids)))
            await db.execute(delete(Conversation).where(Conversation.id.in_(conversation_ids)))
        report.summaries += len(ids)

    log.info("retention: %s", ", ".join(report.lines()))
    return report


async def _ids(settings: Settings, query) -> list:  # type: ignore[no-untyped-def]
    async with session_scope(settings.database_url) as db:
        return list((await db.scalars(query)).all())


async def _has_engine_events(settings: Settings) -> bool:
    def check(connection: Connection) -> bool:
        return inspect(connection).has_table(ENGINE_EVENTS)

    async with get_async_engine(settings.database_url).connect() as connection:
        return await connection.run_sync(check)


async def _delete_engine_events(db: AsyncSession, ids: list[str], present: bool) -> int:
    """The engine's copy of the conversation (Rasa's `events`, keyed by sender id)."""
    if not present or not ids:
        return 0
    # Plain SQL: the table is Rasa's, not one of our models.
    statement = text("DELETE FROM events WHERE sender_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    await db.execute(statement, {"ids": list(ids)})
    return len(ids)
