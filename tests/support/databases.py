"""A fresh database per test run: a temporary SQLite file, or a new PostgreSQL database."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api.store.db import get_async_engine
from api.store.migrate import upgrade

T = TypeVar("T")


@contextmanager
def temporary_database(base_url: str | None, tmp_dir: Path) -> Iterator[str]:
    if not base_url or make_url(base_url).get_backend_name() == "sqlite":
        url = f"sqlite:///{tmp_dir / 'voordeur-test.db'}"
        upgrade(url)
        yield url
        return
    base = make_url(base_url).set(drivername="postgresql+psycopg")
    name = f"voordeur_test_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    # Hand out the plain postgresql:// form, as an operator would write it.
    url = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        upgrade(url)
        yield url
    finally:
        from api.store.db import get_async_engine

        get_async_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_on(database_url: str, work: Callable[[], Awaitable[T]]) -> T:
    """Run `work()` in a fresh event loop, then close its database connections: each test
    step gets its own loop, and a pool left open would belong to a loop that is gone."""

    async def wrapped() -> T:
        try:
            return await work()
        finally:
            await get_async_engine(database_url).dispose()

    return asyncio.run(wrapped())
