"""Client for Rasa's REST channel. The engine can be swapped behind this one module."""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import Any

import httpx

log = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """Rasa or its action server did not answer in time or answered with an error."""


@dataclass(frozen=True)
class EngineReply:
    envelopes: list[dict[str, Any]]


class RasaClient:
    """One engine, or several replicas (comma-separated URLs) taken in turn.

    Replicas share the tracker store (PostgreSQL) and the lock store (Redis), so any of
    them can take any turn of any conversation. A replica that refuses the connection
    is skipped for this turn: the message never reached it, so trying the next is safe.
    """

    def __init__(self, base_url: str, timeout: float, client: httpx.AsyncClient | None = None):
        self._base_urls = [url.strip().rstrip("/") for url in base_url.split(",") if url.strip()]
        self._turn = itertools.count()
        self._timeout = timeout
        self._client = client or httpx.AsyncClient(
            timeout=timeout, limits=httpx.Limits(max_connections=200, max_keepalive_connections=50)
        )

    @property
    def base_urls(self) -> list[str]:
        return list(self._base_urls)

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, sender: str, message: str, metadata: dict[str, Any]) -> EngineReply:
        start = next(self._turn)
        count = len(self._base_urls)
        for offset in range(count):
            base_url = self._base_urls[(start + offset) % count]
            try:
                response = await self._client.post(
                    f"{base_url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": message, "metadata": metadata},
                    timeout=self._timeout,
                )
            except httpx.ConnectError as error:
                if offset + 1 < count:
                    continue
                raise EngineUnavailable(type(error).__name__) from error
            except httpx.HTTPError as error:
                raise EngineUnavailable(type(error).__name__) from error
            if response.status_code != 200:
                raise EngineUnavailable(f"status {response.status_code}")
            return EngineReply(envelopes=_envelopes(response.json()))
        raise EngineUnavailable("no engine configured")

    async def is_up(self) -> bool:
        for base_url in self._base_urls:
            try:
                response = await self._client.get(f"{base_url}/", timeout=2.0)
            except httpx.HTTPError:
                return False
            if response.status_code != 200:
                return False
        return True


def _envelopes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's REST output: our envelopes arrive as `custom`.

    A bare `text` means Rasa answered on its own (a default action): that text never
    reaches a resident, it becomes the content key for "not understood".
    """
    envelopes: list[dict[str, Any]] = []
    for item in items:
        custom = item.get("custom")
        if isinstance(custom, dict) and "key" in custom:
            envelopes.append(custom)
        else:
            log.warning("engine sent a message without an envelope; replaced")
            envelopes.append({"key": "intake.not_understood"})
    # When the action server is down, Rasa answers with no messages at all; the
    # resident would be left waiting, so that counts as the engine being unavailable.
    if not envelopes:
        raise EngineUnavailable("empty reply")
    return envelopes
