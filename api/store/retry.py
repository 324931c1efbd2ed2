"""Waiting out a short database outage (a restart, a failover, a dropped connection).

A unit of work that fails because the database cannot be reached is run again, with
a growing pause, until `VOORDEUR_DATABASE_RETRY_SECONDS` have passed. Each unit is one
transaction, so running it again is safe: a failed one was rolled back. After that
the caller gets `DatabaseUnavailable`, which the API answers calmly (api/errors.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseUnavailable(RuntimeError):
    pass


def transient(error: BaseException) -> bool:
    if isinstance(error, OperationalError | InterfaceError):
        return True
    # psycopg reports a connection killed by the server as a plain DBAPIError.
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


async def retrying(unit: Callable[[], Awaitable[T]], seconds: float) -> T:
    deadline = time.monotonic() + seconds
    delay = 0.1
    while True:
        try:
            return await unit()
        except DBAPIError as error:
            if not transient(error):
                raise
            if time.monotonic() + delay > deadline:
                raise DatabaseUnavailable(type(error.orig).__name__) from error
            log.warning("database unavailable (%s); trying again", type(error.orig).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
