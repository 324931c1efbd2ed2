"""Rare words (wordfreq Zipf), the allow-list, and easy compounds.

A word under Zipf 3 (about once in a million words) is an error, unless it is on
allow_words.yml. A rare word made of two common parts ("huurachterstand" = huur +
achterstand) is easy enough to read: a warning, so an editor can still look at it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from wordfreq import zipf_frequency

from content.lint.problems import Problem
from content.lint.sentences import Token
from content.loader import load_yaml

HERE = Path(__file__).resolve().parent
RARE_BELOW = 3.0
COMMON_PART = 3.5
MIN_PART = 3
# Linking sounds between the parts of a compound: huisarts-en-post, arbeid-s-markt.
LINKS = ("en", "s", "e", "")


@functools.cache
def allowed() -> frozenset[str]:
    words = load_yaml((HERE / "allow_words.yml").read_text(encoding="utf-8")) or []
    return frozenset(str(word).lower() for word in words)


@functools.cache
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "nl")


def _common_part(part: str) -> bool:
    return len(part) >= MIN_PART and (zipf(part) >= COMMON_PART or part in allowed())


def compound_parts(word: str) -> tuple[str, str] | None:
    """Split into two common parts, longest first part first; None if it does not split."""
    word = word.lower()
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if not _common_part(head):
            continue
        for link in LINKS:
            if rest.startswith(link) and _common_part(rest[len(link) :]):
                return head + link, rest[len(link) :]
    return None


def is_known(word: str) -> bool:
    word = word.lower()
    return word in allowed() or zipf(word) >= RARE_BELOW


def rarity(word: str) -> str | None:
    """None for a known word; "warning" for an easy compound; "error" for a rare word."""
    if is_known(word):
        return None
    parts = [part for part in word.lower().split("-") if len(part) > 1]
    if len(parts) > 1 and all(is_known(part) for part in parts):
        return None  # "ggz-team": the hyphen already shows the parts
    return "warning" if compound_parts(word) else "error"


def rare_word_problems(
    sentence: str, words: list[Token], skip: frozenset[str] = frozenset()
) -> list[Problem]:
    """Rare words and easy compounds; words in `skip` (lower case) are reported elsewhere."""
    problems = []
    seen = set(skip)
    for token in words:
        word = token.text
        if not token.is_word or word.lower() in seen:
            continue
        seen.add(word.lower())
        level = rarity(word)
        if level == "error":
            message = (
                f"rare word '{word}' (Zipf {zipf(word):.1f}): use a common word, "
                "or add it to allow_words.yml if residents must know it"
            )
            problems.append(Problem("error", "rare_word", message, sentence))
        elif level == "warning":
            head, tail = compound_parts(word) or ("", "")
            message = f"rare compound '{word}' ({head} + {tail}): check that it reads easily"
            problems.append(Problem("warning", "compound", message, sentence))
    return problems
