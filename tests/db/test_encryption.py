"""Free text is encrypted at rest; keys rotate; a missing key fails loudly."""

from __future__ import annotations

import os
import secrets

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from api.security.cipher import ENV, UndecryptableValue
from api.security.rotation import rotate_all
from api.store.db import session_scope
from api.store.models import Conversation, Intake, Message
from tests.support.databases import run_on

pytestmark = pytest.mark.db

WORDS = "ik heb 8000 euro schuld bij de Belastingdienst, bel 0612345678"


def store(database_url: str) -> str:
    conversation_id = "enc-" + secrets.token_hex(6)

    async def work() -> None:
        async with session_scope(database_url) as db:
            db.add(Conversation(id=conversation_id, language="nl", channel="web"))
            await db.flush()
            db.add(
                Message(
                    conversation_id=conversation_id, seq=1, direction="in", kind="text", body=WORDS
                )
            )
            db.add(
                Message(
                    conversation_id=conversation_id,
                    seq=2,
                    direction="out",
                    kind="bot",
                    envelope={"key": "intake.readback", "vars": {"quote": WORDS}},
                )
            )
            reference = "VD-" + secrets.token_hex(4)
            db.add(
                Intake(
                    reference=reference,
                    conversation_id=conversation_id,
                    urgency="normal",
                    urgency_rank=2,
                    summary={"reference": reference, "request": WORDS},
                )
            )

    run_on(database_url, work)
    return conversation_id


def raw(database_url: str, conversation_id: str) -> list[str]:
    """What the database itself holds, read past the encrypting column types."""

    async def work() -> list[str]:
        async with session_scope(database_url) as db:
            rows = await db.execute(
                text("SELECT body, envelope FROM messages WHERE conversation_id = :c"),
                {"c": conversation_id},
            )
            summaries = await db.execute(
                text("SELECT summary FROM intakes WHERE conversation_id = :c"),
                {"c": conversation_id},
            )
            values = [str(v) for row in [*rows, *summaries] for v in row if v is not None]
            return [value for value in values if value != "null"]  # JSON null: no value

    return run_on(database_url, work)


def read(database_url: str, conversation_id: str) -> tuple[str, dict, dict]:
    async def work() -> tuple[str, dict, dict]:
        async with session_scope(database_url) as db:
            rows = (
                await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation_id)
                    .order_by(Message.seq)
                )
            ).all()
            intake = await db.scalar(
                select(Intake).where(Intake.conversation_id == conversation_id)
            )
            return rows[0].body, rows[1].envelope, intake.summary

    return run_on(database_url, work)


def test_the_database_holds_only_ciphertext_and_the_application_reads_plain_text(
    database_url: str,
) -> None:
    conversation_id = store(database_url)
    stored = raw(database_url, conversation_id)
    assert len(stored) == 3
    for value in stored:
        assert "schuld" not in value and "0612345678" not in value
        assert "gAAAAA" in value
    body, envelope, summary = read(database_url, conversation_id)
    assert body == WORDS
    assert envelope["vars"]["quote"] == WORDS
    assert summary["request"] == WORDS


def test_keys_rotate_without_losing_anything(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    # Other tests of this run wrote with the run's key: it stays in the list as "older".
    older = os.environ[ENV]
    monkeypatch.setenv(ENV, old)
    conversation_id = store(database_url)
    before = raw(database_url, conversation_id)

    # Step 1: the new key goes in front; old values still read.
    monkeypatch.setenv(ENV, f"{new},{old},{older}")
    assert read(database_url, conversation_id)[0] == WORDS
    # Step 2: re-encrypt everything with the new key.
    counts = run_on(database_url, lambda: rotate_all(database_url))
    assert counts["messages.body"] >= 1 and counts["intakes.summary"] >= 1
    after = raw(database_url, conversation_id)
    assert set(before).isdisjoint(after)
    # Step 3: the old key is dropped; everything still reads.
    monkeypatch.setenv(ENV, new)
    body, envelope, summary = read(database_url, conversation_id)
    assert body == WORDS and envelope["vars"]["quote"] == WORDS and summary["request"] == WORDS
    # Running it again finds nothing left to do for this conversation.
    assert set(raw(database_url, conversation_id)) == set(after)
    # Rotation covers the whole database: rotate back to the run's key for the others.
    monkeypatch.setenv(ENV, f"{older},{new}")
    run_on(database_url, lambda: rotate_all(database_url))


def test_a_value_no_configured_key_opens_is_an_error_not_an_empty_answer(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation_id = store(database_url)
    monkeypatch.setenv(ENV, Fernet.generate_key().decode())
    with pytest.raises(UndecryptableValue):
        read(database_url, conversation_id)


def test_values_written_before_encryption_are_read_and_then_encrypted(
    database_url: str,
) -> None:
    conversation_id = store(database_url)

    async def legacy() -> None:
        async with session_scope(database_url) as db:
            await db.execute(
                text("UPDATE messages SET body = :b WHERE conversation_id = :c AND seq = 1"),
                {"b": "oude tekst", "c": conversation_id},
            )

    run_on(database_url, legacy)
    assert read(database_url, conversation_id)[0] == "oude tekst"
    run_on(database_url, lambda: rotate_all(database_url))
    assert all("oude tekst" not in value for value in raw(database_url, conversation_id))
    assert read(database_url, conversation_id)[0] == "oude tekst"
