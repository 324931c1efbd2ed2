"""Rare words (wordfreq), officialese (jargon.yml) and passive-voice hints."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from wordfreq import zipf_frequency

from content.loader import load_yaml

HERE = Path(__file__).resolve().parent
RARE_BELOW = 3.0
# A compound of two common parts ("huurachterstand") is easy enough: a warning only.
COMMON_PART = 3.5
LINKS = ("", "s", "e", "en")
PASSIVE = re.compile(r"\b(word|wordt|worden|werd|werden)\b", re.IGNORECASE)
PARTICIPLE = re.compile(r"\bge\w+(d|t|en)\b", re.IGNORECASE)
BE = re.compile(r"\b(is|zijn|was|waren)\b", re.IGNORECASE)


@functools.cache
def allowed() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load_yaml((HERE / "allow_words.yml").read_text()))


@functools.cache
def jargon() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in load_yaml((HERE / "jargon.yml").read_text()).items()}


def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "nl")


def is_common_compound(word: str) -> bool:
    word = word.lower()
    for cut in range(3, len(word) - 2):
        head, rest = word[:cut], word[cut:]
        if zipf(head) < COMMON_PART:
            continue
        for link in LINKS:
            tail = rest[len(link) :] if rest.startswith(link) else None
            if tail and len(tail) >= 3 and zipf(tail) >= COMMON_PART:
                return True
    return False


def rarity(word: str) -> str | None:
    """None for a common word; "warning" for an easy compound; "error" for a rare word."""
    lowered = word.lower()
    if lowered in allowed() or zipf(lowered) >= RARE_BELOW:
        return None
    return "warning" if is_common_compound(lowered) else "error"


def jargon_in(sentence: str) -> list[tuple[str, str]]:
    lowered = sentence.lower()
    found = []
    for term, plain in jargon().items():
        # Whole words, with simple Dutch inflections (-en, -s, -e, -n).
        if re.search(rf"(?<!\w){re.escape(term)}(en|s|e|n)?(?!\w)", lowered):
            found.append((term, plain))
    return found


def passive_hint(sentence: str) -> bool:
    return bool(PASSIVE.search(sentence)) or bool(
        BE.search(sentence) and PARTICIPLE.search(sentence)
    )
