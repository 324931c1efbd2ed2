"""GET /api/health: the database, Rasa and the action server, each up or down."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.store.db import session_scope

router = APIRouter(tags=["health"])


async def _database_ok(database_url: str) -> bool:
    try:
        async with session_scope(database_url) as db:
            await db.execute(text("SELECT 1"))
    except Exception:  # any failure means "down"; the reason is not for this page
        return False
    return True


async def _http_ok(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2.0) as client:
            response = await client.get(url)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


@router.get("/api/health")
async def health(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    checks: dict[str, Any] = {
        "database": await _database_ok(settings.database_url),
        # Every replica must answer for "up" (VOORDEUR_RASA_URL may list several).
        "rasa": all(
            [
                await _http_ok(url.strip().rstrip("/") + "/")
                for url in settings.rasa_url.split(",")
                if url.strip()
            ]
        ),
        "actions": await _http_ok(settings.actions_url.rstrip("/") + "/health"),
    }
    body = {
        "status": "ok" if all(checks.values()) else "degraded",
        **{name: "up" if ok else "down" for name, ok in checks.items()},
    }
    # 200 even when degraded: the API itself answers, and residents are still served.
    return JSONResponse(body, status_code=200)
