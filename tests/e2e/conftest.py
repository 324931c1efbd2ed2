"""The real services, started once for all end-to-end tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import RASA
from tests.conftest import require
from tests.support.chat import Chat
from tests.support.mailbox import Inbox, mail_server
from tests.support.services import Stack, build_stack, free_port

ON_DUTY = "dienst@gemeente.example"
PROVIDER_TOKEN = "test-provider-token"


@pytest.fixture(scope="session")
def municipal_site_port() -> int:
    """Where a test serves a municipal page that embeds the widget (another origin)."""
    return free_port()


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Inbox]:
    """The on-duty front office's mail server: urgent intakes are mailed here."""
    with mail_server() as (inbox, port):
        inbox.port = port
        yield inbox


@pytest.fixture(scope="session")
def stack(
    database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
    mailbox: Inbox,
    municipal_site_port: int,
) -> Iterator[Stack]:
    require(
        RASA.exists(),
        "the Rasa engine (.venv-rasa): run make test",
    )
    mail = {
        "VOORDEUR_SMTP_HOST": "127.0.0.1",
        "VOORDEUR_SMTP_PORT": str(mailbox.port),
        "VOORDEUR_SMTP_STARTTLS": "false",
        "VOORDEUR_NOTIFY_ACUTE": ON_DUTY,
        # The telephony provider's key: the tests sign their webhook requests with it.
        "VOORDEUR_TWILIO_AUTH_TOKEN": PROVIDER_TOKEN,
        # A municipal page on another origin embeds the widget (test_widget_browser).
        "VOORDEUR_CORS_ORIGINS": f"http://127.0.0.1:{municipal_site_port}",
        # The test stack speaks plain http on loopback; production keeps Secure cookies on.
        "VOORDEUR_SECURE_COOKIES": "false",
    }
    stack = build_stack(database_url, Path(tmp_path_factory.mktemp("run")), mail)
    for service in (stack.actions, stack.api, stack.rasa):
        service.start()
    try:
        for service in (stack.actions, stack.api, stack.rasa):
            service.wait_ready()
        yield stack
    finally:
        stack.stop()


def make_token(database_url: str, role: str) -> str:
    from api.auth.tokens import create_token
    from api.store.db import get_async_engine, session_scope

    async def make() -> str:
        async with session_scope(database_url) as db:
            token = await create_token(db, f"test {role}", role)
        await get_async_engine(database_url).dispose()
        return token

    return asyncio.run(make())


@pytest.fixture(scope="session")
def staff_token(stack: Stack) -> str:
    return make_token(stack.database_url, "frontoffice")


@pytest.fixture
def chat(stack: Stack) -> Iterator[Chat]:
    with Chat(stack.api_url) as client:
        yield client
