"""References VD-YYYY-NNNNNN: sequential per year and unique under concurrent handoffs."""

from __future__ import annotations

import asyncio

import pytest

from api.store.db import get_async_engine, session_scope
from api.store.references import format_reference, next_reference

pytestmark = pytest.mark.db


def test_format() -> None:
    assert format_reference(2026, 42) == "VD-2026-000042"


def test_concurrent_handoffs_draw_unique_sequential_numbers(database_url: str) -> None:
    async def draw(year: int) -> str:
        async with session_scope(database_url) as db:
            return await next_reference(db, year)

    async def main() -> tuple[list[str], list[str]]:
        try:
            many = await asyncio.gather(*(draw(2031) for _ in range(40)))
            other_year = [await draw(2032), await draw(2032)]
            return list(many), other_year
        finally:
            await get_async_engine(database_url).dispose()

    many, other_year = asyncio.run(main())
    assert len(set(many)) == 40
    assert sorted(many) == [format_reference(2031, n) for n in range(1, 41)]
    assert other_year == ["VD-2032-000001", "VD-2032-000002"]


def test_a_rolled_back_handoff_gives_its_number_back(database_url: str) -> None:
    async def main() -> str:
        try:
            with pytest.raises(RuntimeError):
                async with session_scope(database_url) as db:
                    await next_reference(db, 2033)
                    raise RuntimeError("the summary was invalid")
            async with session_scope(database_url) as db:
                return await next_reference(db, 2033)
        finally:
            await get_async_engine(database_url).dispose()

    assert asyncio.run(main()) == "VD-2033-000001"
