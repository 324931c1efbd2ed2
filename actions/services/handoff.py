"""The warm handoff: POST the confirmed summary to the API's /internal/handoffs.

Safe to retry: the API files at most one intake per conversation.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import httpx

log = logging.getLogger(__name__)

ATTEMPTS = 2


async def hand_off(conversation_id: str, summary: dict[str, Any]) -> str | None:
    """The intake's reference, or None when the API could not file it now."""
    url = os.environ.get("VOORDEUR_API_URL", "http://127.0.0.1:8000").rstrip("/")
    token = os.environ.get("VOORDEUR_INTERNAL_TOKEN", "")
    async with httpx.AsyncClient(timeout=10.0) as client:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = await client.post(
                    f"{url}/internal/handoffs",
                    json={"conversation_id": conversation_id, "summary": summary},
                    headers={"X-Voordeur-Internal": token},
                )
            except httpx.HTTPError as error:
                log.warning("handoff attempt %d failed: %s", attempt, type(error).__name__)
                continue
            if response.status_code == 200:
                return response.json()["reference"]
            log.error("handoff refused with status %d", response.status_code)
            if response.status_code < 500:
                return None
    return None
