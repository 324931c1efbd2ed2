"""Retention, driven by a frozen clock: what is deleted when, and what stays.

The clock is frozen with time-machine, so rows get their real timestamps from the
code that writes them, and the job (through its command line) sees "today" as the
test says. Rasa's `events` table is made as Rasa makes it, with rows for the same
conversations, to prove the engine's copy goes too. Audit entries stay.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import func, select, text, update

from api import cli
from api.settings import Settings, get_settings
from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation, Intake, Message, ResumeCode

pytestmark = pytest.mark.db

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EVENTS_DDL = (
    "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
    " type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),"
    " action_name VARCHAR(255), data TEXT)"
)
AUDIT_DDL = (
    "CREATE TABLE IF NOT EXISTS audit_log_retention_test (id INTEGER PRIMARY KEY,"
    " reference VARCHAR(20), action VARCHAR(40))"
)


def run(database_url: str, work: Any) -> Any:
    async def wrapped() -> Any:
        try:
            return await work()
        finally:
            await get_async_engine(database_url).dispose()

    return asyncio.run(wrapped())


def make_conversation(database_url: str, *, reference: str | None, status: str = "nieuw") -> str:
    """A conversation with two messages, a resume code, engine events and maybe an intake."""
    conversation_id = "ret-" + secrets.token_hex(6)

    async def work() -> None:
        async with session_scope(database_url) as db:
            db.add(Conversation(id=conversation_id, language="nl", channel="web", next_seq=3))
            await db.flush()
            db.add(
                Message(
                    conversation_id=conversation_id,
                    seq=1,
                    direction="in",
                    kind="text",
                    body="ik heb schulden",
                    status="done",
                )
            )
            db.add(
                Message(
                    conversation_id=conversation_id,
                    seq=2,
                    direction="out",
                    kind="bot",
                    envelope={"key": "intake.thanks"},
                    reply_to=1,
                )
            )
            db.add(
                ResumeCode(
                    code=secrets.token_hex(4).upper(),
                    conversation_id=conversation_id,
                    expires_at=DAY0 + timedelta(days=30),
                )
            )
            if reference:
                db.add(
                    Intake(
                        reference=reference,
                        conversation_id=conversation_id,
                        status=status,
                        urgency="normal",
                        urgency_rank=2,
                        summary={"reference": reference},
                    )
                )
                await db.execute(
                    update(Conversation)
                    .where(Conversation.id == conversation_id)
                    .values(reference=reference)
                )
            await db.execute(text(EVENTS_DDL))
            await db.execute(
                text(
                    "INSERT INTO events (id, sender_id, type_name, data)"
                    " VALUES (:i, :s, 'user', 'x')"
                ),
                {"i": secrets.randbelow(2**30), "s": conversation_id},
            )

    run(database_url, work)
    return conversation_id


def held(database_url: str, conversation_id: str) -> dict[str, int]:
    async def work() -> dict[str, int]:
        async with session_scope(database_url) as db:

            async def count(query: Any) -> int:
                return int(await db.scalar(query) or 0)

            return {
                "conversation": await count(
                    select(func.count()).where(Conversation.id == conversation_id)
                ),
                "messages": await count(
                    select(func.count()).where(Message.conversation_id == conversation_id)
                ),
                "codes": await count(
                    select(func.count()).where(ResumeCode.conversation_id == conversation_id)
                ),
                "intake": await count(
                    select(func.count()).where(Intake.conversation_id == conversation_id)
                ),
                "events": await count(
                    text("SELECT count(*) FROM events WHERE sender_id = :s").bindparams(
                        s=conversation_id
                    )
                ),
            }

    return run(database_url, work)


def set_status(database_url: str, reference: str, status: str) -> None:
    async def work() -> None:
        async with session_scope(database_url) as db:
            await db.execute(
                update(Intake).where(Intake.reference == reference).values(status=status)
            )

    run(database_url, work)


def retention(database_url: str, monkeypatch: pytest.MonkeyPatch, at: datetime) -> str:
    """The job as a scheduler runs it: the command line, at a frozen moment."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    with time_machine.travel(at, tick=False):
        cli.main(["retention"])
    get_settings.cache_clear()
    return ""


@pytest.fixture
def periods(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("VOORDEUR_RETENTION_ABANDONED_DAYS", "30")
    monkeypatch.setenv("VOORDEUR_RETENTION_TRANSCRIPT_DAYS", "90")
    monkeypatch.setenv("VOORDEUR_RETENTION_SUMMARY_DAYS", "730")
    monkeypatch.setenv("VOORDEUR_CLOSED_STATUSES", "afgerond")
    return Settings()


def test_each_kind_of_data_is_deleted_after_its_own_period_and_audit_entries_stay(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    periods: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference = f"VD-2026-{secrets.randbelow(900000) + 100000:06d}"
    open_reference = f"VD-2026-{secrets.randbelow(900000) + 100000:06d}"
    with time_machine.travel(DAY0, tick=False):
        abandoned = make_conversation(database_url, reference=None)
        closed = make_conversation(database_url, reference=reference)
        still_open = make_conversation(database_url, reference=open_reference)

    async def audit() -> None:
        async with session_scope(database_url) as db:
            await db.execute(text(AUDIT_DDL))
            await db.execute(
                text(
                    "INSERT INTO audit_log_retention_test (id, reference, action)"
                    " VALUES (:i, :r, 'view')"
                ),
                {"i": secrets.randbelow(2**30), "r": reference},
            )

    run(database_url, audit)
    # A resident still busy on day 20 is not abandoned on day 31.
    with time_machine.travel(DAY0 + timedelta(days=20), tick=False):
        active = make_conversation(database_url, reference=None)

    retention(database_url, monkeypatch, DAY0 + timedelta(days=29))
    assert held(database_url, abandoned)["conversation"] == 1  # 29 days: not yet

    # The front office closes the intake on day 31; the job sees it that night.
    set_status(database_url, reference, "afgerond")
    retention(database_url, monkeypatch, DAY0 + timedelta(days=31))
    assert held(database_url, abandoned) == dict.fromkeys(
        ("conversation", "messages", "codes", "intake", "events"), 0
    )
    assert held(database_url, active)["messages"] == 2
    assert held(database_url, closed)["messages"] == 2  # closed today: transcript kept

    # 90 days after closing: the transcript goes, the summary stays.
    retention(database_url, monkeypatch, DAY0 + timedelta(days=31 + 89))
    assert held(database_url, closed)["messages"] == 2
    retention(database_url, monkeypatch, DAY0 + timedelta(days=31 + 91))
    assert held(database_url, closed) == {
        "conversation": 1,
        "messages": 0,
        "codes": 0,
        "intake": 1,
        "events": 0,
    }

    # 730 days after closing: the summary goes too. The open intake is untouched.
    retention(database_url, monkeypatch, DAY0 + timedelta(days=31 + 731))
    assert held(database_url, closed)["intake"] == 0
    assert held(database_url, closed)["conversation"] == 0
    assert held(database_url, still_open) == {
        "conversation": 1,
        "messages": 2,
        "codes": 1,
        "intake": 1,
        "events": 1,
    }

    async def audit_rows() -> int:
        async with session_scope(database_url) as db:
            return int(await db.scalar(text("SELECT count(*) FROM audit_log_retention_test")))

    assert run(database_url, audit_rows) == 1
    printed = capsys.readouterr().out
    assert "summaries: 1" in printed and "transcripts: 1" in printed


def test_a_reopened_intake_starts_its_period_again(
    database_url: str, monkeypatch: pytest.MonkeyPatch, periods: Settings
) -> None:
    reference = f"VD-2026-{secrets.randbelow(900000) + 100000:06d}"
    with time_machine.travel(DAY0, tick=False):
        conversation = make_conversation(database_url, reference=reference, status="afgerond")
    retention(database_url, monkeypatch, DAY0 + timedelta(days=1))  # closed_at = day 1
    set_status(database_url, reference, "in_behandeling")
    retention(database_url, monkeypatch, DAY0 + timedelta(days=50))  # reopened: no date
    set_status(database_url, reference, "afgerond")
    retention(database_url, monkeypatch, DAY0 + timedelta(days=60))  # closed again: day 60
    retention(database_url, monkeypatch, DAY0 + timedelta(days=100))  # 40 days after closing
    assert held(database_url, conversation)["messages"] == 2
    retention(database_url, monkeypatch, DAY0 + timedelta(days=151))  # 91 days after
    assert held(database_url, conversation)["messages"] == 0


def test_the_periods_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_RETENTION_ABANDONED_DAYS", "7")
    monkeypatch.setenv("VOORDEUR_CLOSED_STATUSES", "afgerond, doorgezet")
    settings = Settings()
    assert settings.retention_abandoned_days == 7
    assert settings.closed() == ["afgerond", "doorgezet"]
    assert os.environ.get("VOORDEUR_RETENTION_SUMMARY_DAYS") is None
    assert settings.retention_summary_days == 730
