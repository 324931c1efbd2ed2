"""Passive-voice hints: "De brief wordt gestuurd", "Uw aanvraag is goedgekeurd".

Only a hint (a warning): it asks the editor to say who does it ("Wij sturen de brief").
A hint needs a form of "worden" or of "zijn" plus a past participle in the sentence.
"""

from __future__ import annotations

import re

from content.lint.problems import Problem
from content.lint.sentences import Token

WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
ZIJN = frozenset({"is", "zijn", "was", "waren"})
# ge...d/t/en, also after a separable part: gestuurd, geholpen, opgestuurd, teruggebeld.
PARTICIPLE = re.compile(
    r"(?:aan|af|bij|door|in|mee|na|om|op|over|samen|terug|toe|uit|vast|voor|weg)?"
    r"ge\w+(?:d|t|en)",
    re.IGNORECASE,
)
# Common words that look like a participle but are not one, or not a passive one.
NOT_PARTICIPLES = frozenset(
    {
        "geld",
        "gezond",
        "gezondheid",
        "gemeenten",
        "gebied",
        "gebieden",
        "geleden",
        "gezicht",
        "gewicht",
        "geluid",
        "gedachten",
        "gesprekken",
        "gebeurtenissen",
        "geheugen",
        "getuigen",
        "geweest",
        "geworden",
    }
)


def _participles(words: list[Token]) -> list[str]:
    return [
        token.text
        for token in words
        if token.is_word
        and token.text.lower() not in NOT_PARTICIPLES
        and PARTICIPLE.fullmatch(token.text)
    ]


def passive_problems(sentence: str, words: list[Token]) -> list[Problem]:
    lowered = [token.text.lower() for token in words]
    auxiliary = next((w for w in lowered if w in WORDEN), None) or next(
        (w for w in lowered if w in ZIJN), None
    )
    participles = _participles(words)
    if auxiliary is None or not participles:
        return []
    message = (
        f"passive voice? '{auxiliary} ... {participles[0]}': say who does it "
        '("wij sturen" instead of "wordt gestuurd")'
    )
    return [Problem("warning", "passive", message, sentence)]
