"""One turn at a time per conversation.

Two messages for the same conversation that arrive together must reach the engine in
the order they were stored. Within one API process an asyncio lock per conversation
does that; the lock is dropped when nobody holds or waits for it.

With several API workers (processes, machines) the turn lock is also taken in Redis
(`VOORDEUR_REDIS_URL`), so a conversation whose messages land on different workers
still has one turn at a time. The Redis lock has a lease, renewed after each message
handed to the engine, so a worker that dies mid-turn cannot block a conversation for
longer than the lease. If Redis cannot be reached the turn goes on under the local
lock only (one worker stays correct) and a warning is logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger(__name__)

Renew = Callable[[], Awaitable[None]]


class TurnBusy(RuntimeError):
    """Another worker has held this conversation's turn for a whole lease."""


async def _nothing() -> None:
    return None


class ConversationLocks:
    def __init__(self, redis: Any | None = None, lease_seconds: float = 60.0) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}
        self._redis = redis
        self._lease = lease_seconds

    @asynccontextmanager
    async def hold(self, conversation_id: str) -> AsyncIterator[Renew]:
        """Hold the conversation's turn; yields `renew()` to extend a shared lease."""
        lock = self._locks.setdefault(conversation_id, asyncio.Lock())
        self._users[conversation_id] = self._users.get(conversation_id, 0) + 1
        try:
            async with lock:
                if self._redis is None:
                    yield _nothing
                else:
                    async with self._shared(conversation_id) as renew:
                        yield renew
        finally:
            self._users[conversation_id] -= 1
            if not self._users[conversation_id]:
                del self._users[conversation_id]
                del self._locks[conversation_id]

    @asynccontextmanager
    async def _shared(self, conversation_id: str) -> AsyncIterator[Renew]:
        from redis.exceptions import LockError, RedisError

        lock = self._redis.lock(
            f"voordeur:turn:{conversation_id}",
            timeout=self._lease,
            blocking_timeout=self._lease,
            sleep=0.02,
        )
        try:
            acquired = await lock.acquire()
        except RedisError as error:
            log.warning("turn lock: Redis unavailable (%s); local lock only", type(error).__name__)
            yield _nothing
            return
        if not acquired:
            # The holder renews its lease while it works: it is busy, not gone. The
            # message stays stored and pending; it is handed over on a later turn.
            raise TurnBusy(conversation_id)

        async def renew() -> None:
            try:
                await lock.reacquire()
            except (LockError, RedisError) as error:
                log.warning("turn lock: lease not renewed (%s)", type(error).__name__)

        try:
            yield renew
        finally:
            try:
                await lock.release()
            except (LockError, RedisError) as error:
                log.warning("turn lock: not released (%s)", type(error).__name__)
