"""Rate limits per client and per conversation, answered with a plain Dutch 429.

Four limits (`VOORDEUR_RATE_LIMIT_*`, "N/second|minute|hour"): every request of one
client address; starting conversations from one address; trying resume codes from one
address (so codes cannot be guessed); messages to one conversation. Behind a load
balancer the client address is the one uvicorn takes from `X-Forwarded-For` for the
proxies in `FORWARDED_ALLOW_IPS`. The counts live in Redis
when `VOORDEUR_REDIS_URL` is set (shared by every API worker), in memory otherwise.
If Redis cannot be reached the request is let through and a warning logged: a
resident is never turned away because the counter is down.
"""

from __future__ import annotations

import logging
import math
import re
import time
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error_body
from api.settings import Settings

log = logging.getLogger(__name__)

MESSAGES = re.compile(r"^/api/conversations/([^/]+)/messages/?$")
EXEMPT = ("/api/health",)


def storage_for(redis_url: str | None) -> Storage:
    if not redis_url:
        return MemoryStorage()
    uri = redis_url if redis_url.startswith("async+") else f"async+{redis_url}"
    return RedisStorage(uri, implementation="redispy", key_prefix="voordeur:rate")


class RateLimiter:
    def __init__(self, settings: Settings, storage: Storage | None = None):
        self._limiter = MovingWindowRateLimiter(storage or storage_for(settings.redis_url))
        self.client: RateLimitItem = parse(settings.rate_limit_client)
        self.start: RateLimitItem = parse(settings.rate_limit_start)
        self.resume: RateLimitItem = parse(settings.rate_limit_resume)
        self.conversation: RateLimitItem = parse(settings.rate_limit_conversation)

    def checks(self, method: str, path: str, client: str) -> list[tuple[RateLimitItem, str, str]]:
        found = [(self.client, "client", client)]
        if method == "POST" and path.rstrip("/") == "/api/conversations":
            found.append((self.start, "start", client))
        if method == "POST" and path.rstrip("/") == "/api/conversations/resume":
            found.append((self.resume, "resume", client))
        match = MESSAGES.match(path)
        if method == "POST" and match:
            found.append((self.conversation, "conversation", match.group(1)))
        return found

    async def refused(self, method: str, path: str, client: str) -> int | None:
        """Seconds to wait when a limit is reached, else None (the request may go on)."""
        for item, namespace, key in self.checks(method, path, client):
            try:
                if not await self._limiter.hit(item, namespace, key):
                    stats = await self._limiter.get_window_stats(item, namespace, key)
                    return max(1, math.ceil(stats.reset_time - time.time()))
            except Exception as error:  # the counter's store is down: let residents in
                log.warning("rate limit not checked: %s", type(error).__name__)
                return None
        return None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: RateLimiter):
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") == "OPTIONS"
            or not path.startswith("/api/")
            or path in EXEMPT
        ):
            await self.app(scope, receive, send)
            return
        client: Any = scope.get("client") or ("unknown", 0)
        wait = await self.limiter.refused(scope["method"], path, str(client[0]))
        if wait is None:
            await self.app(scope, receive, send)
            return
        response = JSONResponse(
            error_body("errors.too_many_requests", "too_many_requests"),
            status_code=429,
            headers={"Retry-After": str(wait)},
        )
        await response(scope, receive, send)
