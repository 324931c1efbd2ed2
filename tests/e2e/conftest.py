"""The real services, started once for all end-to-end tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require
from tests.support.chat import Chat
from tests.support.services import ROOT, Stack, build_stack


@pytest.fixture(scope="session")
def stack(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    require(
        (ROOT / ".venv-rasa" / "bin" / "rasa").exists(),
        "the Rasa engine (.venv-rasa): run make test",
    )
    stack = build_stack(database_url, Path(tmp_path_factory.mktemp("run")))
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
