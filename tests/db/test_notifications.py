"""Urgent intakes reach the on-duty front office by mail at once, through an outbox.

A real SMTP server (aiosmtpd) on a free port takes the mails; nothing is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.internal.handoffs import Handoff, _file
from api.notify.outbox import deliver_pending
from api.settings import Settings
from api.store.db import session_scope
from api.store.models import Conversation, Notification
from tests.support.databases import run_on
from tests.support.handoffs import ON_DUTY, TEAM, settings_for, summary_with
from tests.support.mailbox import Inbox, mail_server
from tests.support.services import free_port

pytestmark = pytest.mark.db


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    with mail_server() as server:
        yield server


async def file_intake(settings: Settings, *kinds: str) -> str:
    conversation_id = f"test-{free_port()}-{'-'.join(kinds) or 'calm'}"
    async with session_scope(settings.database_url) as db:
        db.add(Conversation(id=conversation_id, language="nl", channel="web"))
    filed = await _file(
        settings, Handoff(conversation_id=conversation_id, summary=summary_with(*kinds))
    )
    return filed["reference"]


async def pending_for(settings: Settings, reference: str) -> list[Notification]:
    from api.store.models import Intake

    async with session_scope(settings.database_url) as db:
        rows = await db.scalars(
            select(Notification)
            .join(Intake, Intake.id == Notification.intake_id)
            .where(Intake.reference == reference)
        )
        return list(rows)


def run(settings: Settings, coroutine_factory: Any) -> Any:
    return run_on(settings.database_url, coroutine_factory)


def test_an_acute_intake_mails_the_on_duty_address_without_personal_data(
    database_url: str, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    settings = settings_for(database_url, port)

    async def scenario() -> tuple[str, int]:
        reference = await file_intake(settings, "suicide")
        return reference, await deliver_pending(settings)

    reference, sent = run(settings, scenario)
    assert sent == 1
    inbox.wait_for(1)
    recipients, mail = inbox.mails[0]
    assert recipients == [ON_DUTY]
    assert mail["Subject"] == f"Spoed: nieuwe aanmelding {reference}"
    body = mail.get_payload(decode=True).decode()
    assert reference in body and f"/frontoffice/intakes/{reference}" in body
    # Mail is no place for the resident's name, number or words.
    for private in ("Ron", "0611122233", "+31611122233", "woorden over"):
        assert private not in body and private not in mail["Subject"]


def test_high_goes_to_its_own_address_and_normal_sends_nothing(
    database_url: str, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    settings = settings_for(database_url, port)

    async def scenario() -> tuple[str, list[Notification]]:
        high = await file_intake(settings, "eviction")
        calm = await file_intake(settings)
        await deliver_pending(settings)
        return high, await pending_for(settings, calm)

    high, calm_rows = run(settings, scenario)
    inbox.wait_for(1)
    assert [(to, m["Subject"]) for to, m in inbox.mails] == [
        ([TEAM], f"Voorrang: nieuwe aanmelding {high}")
    ]
    assert calm_rows == []


def test_a_mail_server_that_is_down_loses_nothing_and_sends_once_it_is_back(
    database_url: str,
) -> None:
    port = free_port()
    settings = settings_for(database_url, port)

    async def while_down() -> tuple[str, int, list[Notification]]:
        reference = await file_intake(settings, "violence")
        sent = await deliver_pending(settings)
        return reference, sent, await pending_for(settings, reference)

    reference, sent, rows = run(settings, while_down)
    assert sent == 0
    assert [(r.status, r.attempts) for r in rows] == [("pending", 1)]
    assert rows[0].last_error  # the kind of error, for the operator

    with mail_server(port) as (inbox, _):

        async def when_back() -> tuple[int, int, list[Notification]]:
            first = await deliver_pending(settings)
            again = await deliver_pending(settings)  # nothing is sent twice
            return first, again, await pending_for(settings, reference)

        first, again, rows = run(settings, when_back)
    assert (first, again) == (1, 0)
    assert [(r.status, r.attempts) for r in rows] == [("sent", 2)]
    assert len(inbox.mails) == 1 and reference in inbox.mails[0][1]["Subject"]


def test_nothing_is_queued_when_no_mail_server_is_configured(database_url: str) -> None:
    settings = settings_for(database_url, free_port(), smtp_host=None)

    async def scenario() -> list[Notification]:
        reference = await file_intake(settings, "suicide")
        return await pending_for(settings, reference)

    assert run(settings, scenario) == []


def test_the_handoff_endpoint_mails_at_once(database_url: str, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    # The retry timer is far off: the mail must come from the handoff itself.
    settings = settings_for(database_url, port, notify_retry_seconds=3600)
    conversation_id = f"endpoint-{port}"

    async def make_conversation() -> None:
        async with session_scope(database_url) as db:
            db.add(Conversation(id=conversation_id, language="nl", channel="web"))

    run(settings, make_conversation)
    with TestClient(create_app(settings)) as client:
        answer = client.post(
            "/internal/handoffs",
            json={"conversation_id": conversation_id, "summary": summary_with("child_safety")},
            headers={"X-Voordeur-Internal": "test-secret"},
        )
        assert answer.status_code == 200, answer.text
        reference = answer.json()["reference"]
        # Delivered by the API right after the commit, not by the retry timer.
        inbox.wait_for(1)
        # A retried handoff files nothing new and mails nothing new.
        again = client.post(
            "/internal/handoffs",
            json={"conversation_id": conversation_id, "summary": summary_with("child_safety")},
            headers={"X-Voordeur-Internal": "test-secret"},
        )
        assert again.json() == {"reference": reference, "created": False}
    assert len(inbox.mails) == 1
    assert inbox.mails[0][0] == [ON_DUTY]
