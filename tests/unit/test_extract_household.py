"""Who lives in the household, from the resident's own words (household.parse_household)."""

from __future__ import annotations

import dataclasses

import pytest

from actions.intake.extract import patterns
from actions.intake.extract.household import ROLES, Member, parse_household

UNKNOWN = "aantal niet genoemd"
LEAVING = "gaat het huis uit"


def read(text: str) -> list[tuple]:
    """Members as (role, age), or (role, age, note) when there is a note: short to compare."""
    return [(m.role, m.age, m.note) if m.note else (m.role, m.age) for m in parse_household(text)]


@pytest.mark.parametrize(
    ("text", "members"),
    [
        # The examples from the brief.
        ("ik, mijn vriend en onze zoon van 13", [("self", None), ("partner", None), ("child", 13)]),
        ("ik woon alleen, ik ben 74", [("self", 74)]),
        ("alleen ik", [("self", None)]),
        ("alleen", [("self", None)]),
        (
            "ik met mijn zoon van 11 en dochter van 14",
            [("self", None), ("child", 11), ("child", 14)],
        ),
        (
            "ik en mijn twee kinderen van 6 en 9. mijn man gaat het huis uit",
            [("self", None), ("child", 6), ("child", 9), ("partner", None, LEAVING)],
        ),
        ("ik woon samen met mijn man, we zijn allebei 81", [("self", 81), ("partner", 81)]),
        ("mijn moeder woont bij ons", [("self", None), ("parent", None)]),
        ("3 kinderen", [("self", None), ("child", None), ("child", None), ("child", None)]),
        ("ik heb 2 kinderen", [("self", None), ("child", None), ("child", None)]),
        ("mijn vrouw en ik", [("self", None), ("partner", None)]),
        (
            "we zijn met z'n vieren",
            [("self", None), ("other", None), ("other", None), ("other", None)],
        ),
        # Typos: listed in household.yml, or caught by the fuzzy match.
        ("ik en mijn dochtter", [("self", None), ("child", None)]),
        ("zoontje van 3 en mijn vrouw", [("self", None), ("child", 3), ("partner", None)]),
        ("ik en de kinders", [("self", None), ("child", None, UNKNOWN), ("child", None, UNKNOWN)]),
        ("ik en mijn dochterr", [("self", None), ("child", None)]),
        ("mijn vriendinn en ik", [("self", None), ("partner", None)]),
        ("ik woon bij mijn schoonmoedr", [("self", None), ("parent", None)]),
        # Ages written in many ways.
        ("ik (67) en mijn vrouw (65)", [("self", 67), ("partner", 65)]),
        ("mijn man is 54 en ik ben 52", [("self", 52), ("partner", 54)]),
        ("ik 74jaar", [("self", 74)]),
        ("zoon(13) en dochter (14)", [("self", None), ("child", 13), ("child", 14)]),
        ("kinderen van 6,9 en 12", [("self", None), ("child", 6), ("child", 9), ("child", 12)]),
        ("ik heb een baby van 4 maanden", [("self", None), ("child", 0)]),
        ("mijn oudste zoon is 17 en de jongste 12", [("self", None), ("child", 17), ("child", 12)]),
        ("mijn zoon is een puber van 15", [("self", None), ("child", 15)]),
        ("ik ben een vrouw van 45 met drie kinderen", [("self", 45)] + [("child", None)] * 3),
        (
            "ik en mijn zoon van 11 en 2 dochters",
            [("self", None), ("child", 11), ("child", None), ("child", None)],
        ),
        (
            "ik, mijn man (54) en onze tweeling van 2",
            [("self", None), ("partner", 54), ("child", 2), ("child", 2)],
        ),
        ("mijn zoon van 11 en mijn zoon van 14", [("self", None), ("child", 11), ("child", 14)]),
        # Other people in the house.
        ("mijn broer woont bij mij", [("self", None), ("other_adult", None)]),
        ("ik woon met een vriendin", [("self", None), ("other_adult", None)]),
        ("ik en mijn huisgenoot", [("self", None), ("other_adult", None)]),
        ("ik woon bij mijn ouders", [("self", None), ("parent", None), ("parent", None)]),
        ("mijn kleinzoon van 16 woont bij mij", [("self", None), ("other", 16)]),
        (
            "ik woon samen met mijn vriendin en haar 2 kinderen",
            [("self", None), ("partner", None), ("child", None), ("child", None)],
        ),
        # The size of the household.
        ("we zijn met 4 man", [("self", None), ("other", None), ("other", None), ("other", None)]),
        ("we wonen met zn drieën", [("self", None), ("other", None), ("other", None)]),
        (
            "gezin van 5: ik, mijn vrouw en 3 kids",
            [("self", None), ("partner", None), ("child", None), ("child", None), ("child", None)],
        ),
        # Someone who does not (or not always) live there.
        ("ik woon alleen sinds mijn vrouw is overleden", [("self", None)]),
        ("mijn kinderen zijn het huis uit", [("self", None)]),
        ("ik heb geen kinderen", [("self", None)]),
        (
            "mijn dochter woont bij haar vader, ik woon alleen met mijn zoon van 8",
            [("self", None), ("child", 8)],
        ),
        (
            "mijn zoon woont om het weekend bij mij",
            [("self", None), ("child", None, "woont er deels")],
        ),
        (
            "mijn man gaat binnenkort het huis uit, ik blijf met de kinderen",
            [
                ("self", None),
                ("partner", None, LEAVING),
                ("child", None, UNKNOWN),
                ("child", None, UNKNOWN),
            ],
        ),
        # The same person twice is one person.
        ("mijn man en mijn man", [("self", None), ("partner", None)]),
        ("mijn man is ziek. mijn man is 80", [("self", None), ("partner", 80)]),
        # "ik ben moeder van ..." describes the resident, not one more person.
        (
            "ik ben alleenstaande moeder van 2 kinderen van 4 en 7",
            [("self", None), ("child", 4), ("child", 7)],
        ),
        ("ik", [("self", None)]),
        ("niemand", [("self", None)]),
    ],
)
def test_household(text: str, members: list[tuple]) -> None:
    assert read(text) == members


@pytest.mark.parametrize(
    "text",
    ["weet ik niet", "geen idee", "ja", "nee", "", "   ", "hallo", "?", "dat zeg ik liever niet"],
)
def test_nothing_is_read_from_an_answer_that_describes_no_household(text: str) -> None:
    assert parse_household(text) == []


def test_the_resident_comes_first_and_only_once() -> None:
    members = parse_household("ik, ik en nog eens ik met mijn man")
    assert [m.role for m in members] == ["self", "partner"]


def test_a_member_is_a_frozen_dataclass_with_role_age_and_note() -> None:
    member = parse_household("mijn man gaat het huis uit")[1]
    assert member == Member("partner", None, LEAVING)
    assert vars(member) == {"role": "partner", "age": None, "note": LEAVING}
    with pytest.raises(dataclasses.FrozenInstanceError):
        member.age = 40  # type: ignore[misc]


def test_every_role_word_in_the_content_file_is_understood() -> None:
    """What an editor adds to household.yml works at once, for one person and for a group."""
    data = patterns.load("household")
    assert set(data["roles"]) <= set(ROLES) and set(data["groups"]) <= set(ROLES)
    for role, words in data["roles"].items():
        for word in words:
            assert read(f"ik en mijn {word}") == [("self", None), (role, None)], word
    for role, words in data["groups"].items():
        for word in words:
            assert read(f"ik en mijn 3 {word}") == [("self", None)] + [(role, None)] * 3, word


def test_number_words_from_the_content_file_count_a_group() -> None:
    for word, value in patterns.load("household")["numbers"].items():
        assert read(f"{word} kinderen") == [("self", None)] + [("child", None)] * int(value)
