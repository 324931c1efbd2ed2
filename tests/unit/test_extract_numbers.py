"""Amounts of money, ages and counts in the resident's words (numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from actions.intake.extract.numbers import number_word, parse_age, parse_amount, parse_count

TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("ongeveer 12000 euro", 12000),
        ("€ 3.500", 3500),
        ("€3.500", 3500),
        ("3,5k", 3500),
        ("3.5k", 3500),
        ("12k", 12000),
        ("twaalfduizend euro", 12000),
        ("drie duizend vijfhonderd euro", 3500),
        ("duizend euro", 1000),
        ("1200,-", 1200),
        ("€ 1.234,56", 1235),
        ("45,50 euro", 46),
        ("12.000", 12000),
        ("12 000 euro", 12000),
        ("2 ton", 200000),
        ("een ton", 100000),
        ("1.5 miljoen", 1500000),
        ("ca 1500", 1500),
        ("zo'n 800 euro bij de energie", 800),
        # The amount that is certainly money wins over other numbers.
        ("op 3 december moet ik 800 euro betalen", 800),
        ("ik heb 2 kinderen en 5000 schuld", 5000),
        ("vijftienhonderd", 1500),
        ("weet ik niet precies, ongeveer 3000", 3000),
        # None: nothing, or too vague to be a number.
        ("weet ik niet", None),
        ("geen idee", None),
        ("een paar duizend", None),
        ("paar honderd euro", None),
        ("2 jaar", None),
        ("0612345678", None),
        ("03-12-2026", None),
        ("", None),
        ("1" * 5000, None),
        # "geen" as the whole answer is nothing at all.
        ("geen", 0),
        ("geen schulden", 0),
        ("0", 0),
    ],
)
def test_amounts(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("74", 74),
        ("ik ben 74", 74),
        ("74 jaar", 74),
        ("ik ben 74 jaar oud", 74),
        ("vierenzeventig", 74),
        ("eenentachtig jaar", 81),
        ("ik word 75", 75),
        ("ik ben een vrouw van 45", 45),
        ("ik ben 45, mijn man is 50", 45),
        ("geboren in 1950", 76),
        ("geb. 17-11-1950", 75),
        ("geb. 16-11-1950", 76),
        ("weet ik niet", None),
        ("ik heb 3 kinderen", None),
        ("ik ben 150", None),
        ("een", None),
        ("oud genoeg", None),
        ("ik ben " + "7" * 5000, None),
    ],
)
def test_ages(text: str, age: int | None) -> None:
    assert parse_age(text, TODAY) == age


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("3", 3),
        ("drie", 3),
        ("elf", 11),
        ("twee kinderen", 2),
        ("we zijn met z'n vieren", 4),
        ("een stuk of 3", 3),
        ("2 of 3", 2),
        ("ik heb er een", 1),
        ("geen", 0),
        ("niemand", 0),
        ("geen idee, misschien 3", 3),
        ("geen idee", None),
        ("weet ik niet", None),
        ("een paar", None),
        ("veel", None),
    ],
)
def test_counts(text: str, count: int | None) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("drie", 3),
        ("dertien", 13),
        ("vierenzeventig", 74),
        ("tweeëntwintig", 22),
        ("vier-en-zeventig", 74),
        ("honderd", 100),
        ("vijftienhonderd", 1500),
        ("twaalfduizend", 12000),
        ("drieduizendvijfhonderd", 3500),
        ("tweemiljoen", 2000000),
        ("tweede", None),
        ("achter", None),
        ("geen", None),
        ("12", None),
    ],
)
def test_number_words(word: str, value: int | None) -> None:
    assert number_word(word) == value
