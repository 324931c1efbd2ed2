"""Threats to existence and danger in the resident's words (content/patterns/*.yml).

Household, phone, e-mail, amounts, dates and domain cues: tests/unit/test_extract_*.py.
"""

from __future__ import annotations

import pytest

from actions.intake.extract.threats import crisis, threats


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ze willen het gas afsluiten", ["utilities_cutoff"]),
        ("we moeten uit ons huis", ["eviction"]),
        ("ik heb geen eten meer voor de kinderen", ["no_food"]),
        ("mijn telefoon is afgesloten", []),
        ("ik sla de maaltijd over", []),
    ],
)
def test_threats(text: str, kinds: list[str]) -> None:
    assert threats(text) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ik zie het niet meer zitten", ["suicide"]),
        ("ik wil er niet meer zijn", ["suicide"]),
        ("hij slaat me", ["violence"]),
        ("we staan morgen op straat", ["homeless_tonight"]),
        ("mijn telefoon is dood", []),
        ("ik word gek van die formulieren", []),
    ],
)
def test_danger(text: str, kinds: list[str]) -> None:
    assert crisis(text) == kinds
