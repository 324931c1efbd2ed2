"""Database engines. One URL (DATABASE_URL) decides: SQLite by default, PostgreSQL in production."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def _base_url(raw: str) -> URL:
    url = make_url(raw)
    if url.get_backend_name() == "postgresql":
        return url
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        return url
    raise ValueError(f"unsupported database: {url.get_backend_name()}")


def sync_url(raw: str) -> URL:
    """URL for Alembic and command-line tools."""
    url = _base_url(raw)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url.set(drivername="sqlite")


def async_url(raw: str) -> URL:
    """URL for the API, which never blocks its event loop on the database."""
    url = _base_url(raw)
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url.set(drivername="sqlite+aiosqlite")


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets the Rasa tracker store and the API share one SQLite file without
    # readers blocking the writer; a busy timeout instead of "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@functools.cache
def get_async_engine(raw: str) -> AsyncEngine:
    url = async_url(raw)
    # hide_parameters: a database error never carries a resident's words into a log.
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url, pool_size=10, max_overflow=20, pool_pre_ping=True, hide_parameters=True
    )


def make_sync_engine(raw: str) -> Engine:
    from sqlalchemy import create_engine

    engine = create_engine(sync_url(raw), hide_parameters=True)
    if engine.url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@functools.cache
def _sessionmaker(raw: str) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(get_async_engine(raw), expire_on_commit=False)


@asynccontextmanager
async def session_scope(raw: str) -> AsyncIterator[AsyncSession]:
    """One unit of work: committed when the block ends, rolled back on error."""
    async with _sessionmaker(raw)() as session, session.begin():
        yield session
