"""Sentences and words of a text, as the checks count them."""

from __future__ import annotations

import re

# {reference}, {date}: one word, never rare. Numbers, phone numbers and web addresses
# are read out or dialled, not read as words.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
NUMBERISH = re.compile(r"^[\d.,:+\-/]+$|^\d+\.nl$|^[\w.]+\.(?:nl|com)$|@")
WORD = re.compile(r"[\w'’-]+|\{[a-z_]+\}", re.UNICODE)


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip() for p in parts if p.strip() and WORD.search(p)]


def words(sentence: str) -> list[str]:
    return [w.strip("-'’") for w in WORD.findall(sentence) if w.strip("-'’")]


def is_word_to_check(word: str) -> bool:
    """Real words only: placeholders, numbers and addresses are skipped."""
    return not (PLACEHOLDER.fullmatch(word) or NUMBERISH.search(word) or word.isdigit())
