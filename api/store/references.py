"""Intake references VD-YYYY-NNNNNN: unique, sequential per year, safe under concurrency."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from api.store.models import ReferenceCounter


def format_reference(year: int, number: int) -> str:
    return f"VD-{year:04d}-{number:06d}"


async def next_reference(session: AsyncSession, year: int) -> str:
    """Take the next number for `year` in the caller's transaction.

    One upsert statement increments the counter: PostgreSQL locks the row until the
    transaction ends and SQLite holds its write lock, so two handoffs at the same time
    can never draw the same number, and a rolled-back handoff gives its number back.
    """
    dialect = session.bind.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ReferenceCounter)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=[ReferenceCounter.year], set_={"last": ReferenceCounter.last + 1}
        )
        .returning(ReferenceCounter.last)
    )
    number = (await session.execute(statement)).scalar_one()
    return format_reference(year, number)
