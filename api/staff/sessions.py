"""Server-side sessions: the cookie holds a random token, the table holds its hash.

A session can be ended on the server (sign-out, an admin), which a signed cookie
alone cannot. Each session has its own CSRF token, put in every form.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.staff.accounts import Staff, _aware, as_staff
from api.store.models import StaffAccount, StaffSession

COOKIE = "voordeur_staff"
# A working day; after that, sign in again.
LIFETIME = timedelta(hours=9)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start(db: AsyncSession, staff: Staff, now: datetime) -> tuple[str, str]:
    """A new session: (cookie token, csrf token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    db.add(
        StaffSession(
            token_hash=_hash(token), staff_id=staff.id, csrf_token=csrf, expires_at=now + LIFETIME
        )
    )
    return token, csrf


async def find(db: AsyncSession, token: str | None, now: datetime) -> tuple[Staff, str] | None:
    """The signed-in staff member and the session's CSRF token, if the cookie is valid."""
    if not token:
        return None
    row = await db.execute(
        select(StaffSession, StaffAccount)
        .join(StaffAccount, StaffAccount.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == _hash(token))
    )
    found = row.first()
    if found is None:
        return None
    session, account = found
    if _aware(session.expires_at) <= now or account.disabled_at is not None:
        return None
    return as_staff(account), session.csrf_token


async def end(db: AsyncSession, token: str | None) -> None:
    if token:
        await db.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected, given or "")
