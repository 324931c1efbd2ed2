"""Bearer tokens. Made on the command line; only a SHA-256 hash is stored.

A token is 32 random bytes, so a fast hash is right here (unlike passwords, which
need a slow one): it cannot be guessed, only leaked, and a leaked table is useless.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.errors import ApiError
from api.store.db import session_scope
from api.store.models import ApiToken

ROLES = ("frontoffice", "teamlead", "worker", "admin")
STAFF_ROLES = ("frontoffice", "teamlead", "admin")


@dataclass(frozen=True)
class Principal:
    name: str
    role: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(db: AsyncSession, name: str, role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose from {', '.join(ROLES)}")
    token = "vd_" + secrets.token_urlsafe(32)
    db.add(ApiToken(name=name, role=role, token_hash=hash_token(token)))
    return token


async def bearer_principal(
    request: Request, authorization: str | None, roles: tuple[str, ...]
) -> Principal:
    """The caller behind `Authorization: Bearer …`: 401 without a valid token, 403 wrong role."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "errors.not_allowed", "unauthorized")
    settings = request.app.state.settings
    async with session_scope(settings.database_url) as db:
        row = await db.scalar(
            select(ApiToken).where(
                ApiToken.token_hash == hash_token(token.strip()), ApiToken.revoked_at.is_(None)
            )
        )
    if row is None:
        raise ApiError(401, "errors.not_allowed", "unauthorized")
    if row.role not in roles:
        raise ApiError(403, "errors.not_allowed", "forbidden")
    return Principal(name=row.name, role=row.role)
