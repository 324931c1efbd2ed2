"""Samen invullen: a worker signs in, confirms the client's consent explicitly, and the
intake that follows is filed with channel `assisted` and who helped."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from api.staff.accounts import create_staff
from api.store.db import get_async_engine, session_scope
from tests.support.chat import Chat
from tests.support.services import Stack, free_port

pytestmark = pytest.mark.e2e
PASSWORD = "samen sterk wachtwoord"


def make_worker(database_url: str) -> str:
    username = f"werker{free_port()}"

    async def make() -> None:
        try:
            async with session_scope(database_url) as db:
                await create_staff(
                    db, username, "Fatma Yilmaz", "worker", PASSWORD, organisation="Wijkteam Noord"
                )
        finally:
            await get_async_engine(database_url).dispose()

    asyncio.run(make())
    return username


def csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def test_a_worker_fills_in_an_intake_with_a_client(stack: Stack, staff_token: str) -> None:
    username = make_worker(stack.database_url)
    with httpx.Client(base_url=stack.api_url, timeout=60, follow_redirects=True) as browser:
        login = browser.get("/frontoffice/login")
        signed = browser.post(
            "/frontoffice/login",
            data={"username": username, "password": PASSWORD, "csrf": csrf(login.text)},
        )
        assert signed.url.path == "/frontoffice/samen"
        # A worker never sees the front office's queue.
        assert browser.get("/frontoffice/").status_code == 403
        form = browser.get("/frontoffice/samen")
        refused = browser.post("/frontoffice/samen", data={"csrf": csrf(form.text)})
        assert refused.status_code == 422 and "toestemming" in refused.text
        started = browser.post(
            "/frontoffice/samen",
            data={"csrf": csrf(form.text), "statement": "yes"},
            follow_redirects=False,
        )
        assert started.status_code == 303
        conversation_id = started.headers["location"].split("gesprek=")[1]

    with Chat(stack.api_url) as chat:
        chat.conversation_id = conversation_id
        chat.last = httpx.get(f"{stack.api_url}/api/conversations/{conversation_id}").json()
        # Consent was given through the worker: the client starts with the open question.
        assert chat.asked() == "request.open"
        chat.say("ik heb hulp nodig bij de post en de rekeningen")
        chat.answer_until("finished")
        reference = chat.last["state"]["reference"]
    summary = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert summary["channel"] == "assisted"
    assert summary["assisted_by"] == {"name": "Fatma Yilmaz", "organisation": "Wijkteam Noord"}
    assert summary["consent"]["share_with_frontoffice"] is True


def test_the_assisted_channel_needs_a_worker_token(stack: Stack, staff_token: str) -> None:
    url = f"{stack.api_url}/api/conversations"
    assert httpx.post(url, json={"channel": "assisted"}).status_code == 401
    wrong = httpx.post(
        url, json={"channel": "assisted"}, headers={"Authorization": f"Bearer {staff_token}"}
    )
    assert wrong.status_code == 403
