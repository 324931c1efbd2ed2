"""Free-text extraction: household, phone, e-mail, amounts, dates, domain cues, threats."""

from __future__ import annotations

from datetime import date

import pytest

from actions.intake.extract.cues import domain_cues
from actions.intake.extract.dates import parse_date
from actions.intake.extract.email import find_email
from actions.intake.extract.household import parse_household
from actions.intake.extract.numbers import parse_amount
from actions.intake.extract.phone import find_phone, normalise_phone
from actions.intake.extract.threats import crisis, threats


@pytest.mark.parametrize(
    ("text", "members"),
    [
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
            [("self", None), ("child", 6), ("child", 9), ("partner", None)],
        ),
        ("ik woon samen met mijn man, we zijn allebei 81", [("self", 81), ("partner", 81)]),
        ("mijn moeder woont bij ons", [("self", None), ("parent", None)]),
        ("ik heb 2 kinderen", [("self", None), ("child", None), ("child", None)]),
        ("3 kinderen", [("self", None)] + [("child", None)] * 3),
        ("mijn vrouw en ik", [("self", None), ("partner", None)]),
        ("ik en mijn kids van 3 en 5", [("self", None), ("child", 3), ("child", 5)]),
        ("ik en mijn dochtter", [("self", None), ("child", None)]),
        ("mijn broer woont bij mij", [("self", None), ("other_adult", None)]),
        ("weet ik niet", [("self", None)]),
        ("mijn man en mijn man", [("self", None), ("partner", None)]),
    ],
)
def test_household(text: str, members: list[tuple[str, int | None]]) -> None:
    assert [(m.role, m.age) for m in parse_household(text)] == members


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("045 123 45 67", "+31451234567"),
        ("06-12345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("06 98765432", "+31698765432"),
        ("12345", None),
        ("hallo", None),
        ("112", None),
        ("", None),
    ],
)
def test_phone_numbers_become_e164(text: str, e164: str | None) -> None:
    assert normalise_phone(text) == e164


def test_a_phone_number_inside_a_sentence() -> None:
    assert find_phone("bel me op 06 12345678 graag") == "+31612345678"
    assert find_phone("geen nummer") is None


def test_email() -> None:
    assert find_email("mail naar Kim.Hermans@Voorbeeld.nl aub") == "kim.hermans@voorbeeld.nl"
    assert find_email("kim at voorbeeld") is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("ongeveer 12000 euro", 12000),
        ("€ 3.500", 3500),
        ("3,5k", 3500),
        ("1200,-", 1200),
        ("zo'n 800 euro bij de energie", 800),
        ("weet ik niet", None),
    ],
)
def test_amounts(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("de deurwaarder komt op 3 december", date(2026, 12, 3)),
        ("op 3-12", date(2026, 12, 3)),
        ("03-12-2026", date(2026, 12, 3)),
        ("1 januari", date(2027, 1, 1)),
        ("15 nov 2027", date(2027, 11, 15)),
        ("morgen", date(2026, 11, 23)),
        ("overmorgen", date(2026, 11, 24)),
        ("31 februari", None),
        ("binnenkort", None),
    ],
)
def test_dates(text: str, day: date | None) -> None:
    assert parse_date(text, TODAY) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mijn vrouw is overleden en nu lukt het huishouden niet meer goed",
            {"daily_living", "social_network"},
        ),
        (
            "ik ga scheiden en heb straks geen inkomen meer. ik heb 2 kinderen",
            {"income", "parenting"},
        ),
        (
            "mijn behandeling bij de ggz stopt. ik wil iets om handen hebben",
            {"mental_health", "work_daytime"},
        ),
        ("we moeten uit ons huis. we hebben veel schulden", {"housing", "debts"}),
        (
            "ik kan de trap niet meer op. kan ik een traplift krijgen?",
            {"physical_health", "daily_living"},
        ),
        ("ik heb zoveel schulden ik zie het niet meer zitten", {"debts", "mental_health"}),
        ("ik kan de brieven van de belasting niet lezen", {"language_digital"}),
        ("mijn moeder heeft veel zorg nodig, ik ben mantelzorger", {"caregiving"}),
        ("ik drink te veel", {"substance_use"}),
        ("ik heb een boete van het cjib", {"justice", "debts"}),
    ],
)
def test_domain_cues(text: str, expected: set[str]) -> None:
    assert expected <= set(domain_cues(text))


def test_cues_come_in_the_order_they_were_mentioned() -> None:
    assert domain_cues("eerst de huur, dan de schulden")[:2] == ["housing", "debts"]
    assert domain_cues("weet ik niet") == []


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
