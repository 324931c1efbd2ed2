"""Resume codes are easy to type and say; turns for one conversation run one at a time."""

from __future__ import annotations

import asyncio

from api.conversations.codes import ALPHABET, LENGTH, new_code, normalise_code
from api.conversations.locks import ConversationLocks


def test_codes_avoid_letters_and_digits_people_mix_up() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == LENGTH and set(code) <= set(ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(ALPHABET)


def test_typed_or_spoken_codes_are_normalised() -> None:
    assert normalise_code(" acde-4679 ") == "ACDE4679"
    assert normalise_code("ac de 46 79") == "ACDE4679"


def test_turns_of_one_conversation_run_one_at_a_time_in_arrival_order() -> None:
    locks = ConversationLocks()
    trace: list[str] = []

    async def main() -> None:
        a_inside = asyncio.Event()
        release_a = asyncio.Event()

        async def first() -> None:
            async with locks.hold("c1"):
                trace.append("a in")
                a_inside.set()
                await release_a.wait()
                trace.append("a out")

        async def second() -> None:
            await a_inside.wait()
            async with locks.hold("c1"):
                trace.append("b in")

        async def other_conversation() -> None:
            await a_inside.wait()
            async with locks.hold("c2"):
                trace.append("x in")  # not blocked by c1
            release_a.set()

        await asyncio.gather(first(), second(), other_conversation())

    asyncio.run(main())
    assert trace == ["a in", "x in", "a out", "b in"]
    assert locks._locks == {}  # nothing left behind
