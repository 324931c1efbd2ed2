"""Staff accounts and signing in, with a lockout after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.staff import passwords
from api.store.models import StaffAccount

# Front-office staff, and welfare workers who fill in an intake together with a client
# ("samen invullen"); workers never see the queue.
STAFF_ROLES = ("frontoffice", "teamlead", "admin", "worker")
# Five wrong passwords lock the account for fifteen minutes: slow for a guesser,
# a short wait for a colleague who mistyped.
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    name: str
    role: str
    organisation: str | None = None


class SignInRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "wrong" or "locked": the page says which, nothing more


def as_staff(row: StaffAccount) -> Staff:
    return Staff(row.id, row.username, row.name, row.role, row.organisation)


async def create_staff(
    db: AsyncSession,
    username: str,
    name: str,
    role: str,
    password: str,
    organisation: str | None = None,
) -> Staff:
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown role {role!r}; choose from {', '.join(STAFF_ROLES)}")
    row = StaffAccount(
        username=username.strip().lower(),
        name=name.strip(),
        role=role,
        organisation=(organisation or "").strip() or None,
        password_hash=passwords.hash_password(password),
    )
    db.add(row)
    await db.flush()
    return as_staff(row)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; they were stored in UTC.
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


async def sign_in(db: AsyncSession, username: str, password: str, now: datetime) -> Staff:
    row = await db.scalar(
        select(StaffAccount)
        .where(StaffAccount.username == username.strip().lower())
        .with_for_update()
    )
    if row is None or row.disabled_at is not None:
        passwords.check_against_nothing(password)
        raise SignInRefused("wrong")
    locked_until = _aware(row.locked_until)
    if locked_until and locked_until > now:
        raise SignInRefused("locked")
    if not passwords.verify(row.password_hash, password):
        row.failed_attempts += 1
        if row.failed_attempts >= MAX_FAILURES:
            row.locked_until = now + LOCKOUT
            row.failed_attempts = 0
            raise SignInRefused("locked")
        raise SignInRefused("wrong")
    row.failed_attempts = 0
    row.locked_until = None
    return as_staff(row)
