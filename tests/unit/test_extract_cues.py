"""Which life domains a free text signals, in order of first mention (cues.domain_cues)."""

from __future__ import annotations

import pytest

from actions.intake.extract import patterns
from actions.intake.extract.cues import DOMAINS, domain_cues
from content.loader import load_bank


@pytest.mark.parametrize(
    ("text", "domains"),
    [
        # The examples from the brief.
        (
            "mijn vrouw is overleden en nu lukt het huishouden niet meer goed",
            ["social_network", "daily_living"],
        ),
        (
            "ik ga scheiden en heb straks geen inkomen meer. ik heb 2 kinderen",
            ["income", "parenting"],
        ),
        (
            "mijn behandeling bij de ggz stopt. ik wil iets om handen hebben",
            ["mental_health", "work_daytime"],
        ),
        (
            "we hebben een brief gekregen dat we uit ons huis moeten. we hebben veel schulden",
            ["housing", "debts"],
        ),
        (
            "ik kan de trap niet meer op. kan ik een traplift krijgen?",
            ["physical_health", "daily_living"],
        ),
        ("ik heb zoveel schulden ik zie het niet meer zitten", ["debts", "mental_health"]),
        # One domain each, in everyday words.
        ("ik kan de brieven van de belasting niet lezen", ["language_digital"]),
        ("mijn moeder heeft veel zorg nodig, ik ben mantelzorger", ["caregiving"]),
        ("ik zorg al jaren voor mijn vader", ["caregiving"]),
        ("ik drink te veel", ["substance_use"]),
        ("ik gebruik drugs en gok veel", ["substance_use"]),
        ("mijn man slaat me", ["safety"]),
        ("ik voel me zo alleen sinds mijn man er niet meer is", ["social_network"]),
        ("ik heb geen vrienden en ben eenzaam", ["social_network"]),
        ("ik snap niks van digid en de computer", ["language_digital"]),
        ("ik slaap slecht van de stress", ["mental_health"]),
        ("ik ben ontslagen en zit de hele dag thuis", ["work_daytime"]),
        ("de deurwaarder komt op 3 december", ["debts"]),
        ("de rekeningen stapelen zich op", ["debts"]),
        ("alleen de huur is te hoog", ["housing"]),
        # Several domains, in the order the resident names them.
        ("ik heb een boete van het cjib", ["justice", "debts"]),
        ("eerst de huur, dan de schulden", ["housing", "debts"]),
        ("ik kan niet meer lopen en heb een scootmobiel nodig", ["physical_health", "mobility"]),
        ("ik heb pijn in mijn heup en kan niet naar de winkel", ["physical_health", "mobility"]),
        ("mijn zoon is geschorst van school", ["parenting", "work_daytime"]),
        ("ik ben afgekeurd en zit in de bijstand", ["work_daytime", "income"]),
        (
            "we hebben schimmel in huis en de kinderen zijn steeds ziek",
            ["housing", "parenting", "physical_health"],
        ),
        # Lemmas: inflected forms find the listed word.
        ("hij sloeg me gisteren", ["safety"]),
        ("ik krijg steeds aanmaningen", ["debts"]),
    ],
)
def test_domain_cues(text: str, domains: list[str]) -> None:
    assert domain_cues(text) == domains


@pytest.mark.parametrize(
    "text",
    [
        "weet ik niet",
        "tja",
        "",
        "goedemorgen",
        "hallo, ik heb een vraag",
        "ja",
        "nee",
        # Look-alikes: a word from a cue list with another meaning here.
        "mijn telefoon werkt niet",
        "ik maak me zorgen voor de toekomst",
        "het loopt uit de hand",
    ],
)
def test_no_domain(text: str) -> None:
    assert domain_cues(text) == []


def test_each_domain_is_named_once_even_when_mentioned_twice() -> None:
    assert domain_cues("schulden, schulden en nog eens schulden bij de deurwaarder") == ["debts"]


def test_the_cue_file_has_the_fifteen_domains_of_the_bank() -> None:
    cues = patterns.load("domain_cues")
    assert tuple(cues) == DOMAINS
    assert set(DOMAINS) == set(load_bank().domains)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_cue_in_the_content_file_signals_its_domain(domain: str) -> None:
    """Rich lists (20 or more per domain), and each entry works as an editor wrote it."""
    phrases = patterns.load("domain_cues")[domain]
    assert len(phrases) >= 20
    for phrase in phrases:
        assert domain in domain_cues(str(phrase)), phrase
