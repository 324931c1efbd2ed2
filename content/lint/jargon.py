"""Officialese from jargon.yml: whole words and phrases, any case, simple inflections."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from content.lint.problems import Problem
from content.loader import load_yaml

HERE = Path(__file__).resolve().parent
# beschikking-en, indicatie-s, betreffende-n, eigen bijdrage-n
INFLECTION = r"(?:en|s|e|n|'s)?"


@functools.cache
def jargon() -> dict[str, str]:
    data = load_yaml((HERE / "jargon.yml").read_text(encoding="utf-8")) or {}
    return {" ".join(str(term).lower().split()): str(plain) for term, plain in data.items()}


@functools.cache
def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    found = []
    # Longest terms first, so "ten behoeve van" wins over a shorter term inside it.
    for term, plain in sorted(jargon().items(), key=lambda item: -len(item[0])):
        phrase = r"\s+".join(re.escape(part) for part in term.split())
        pattern = re.compile(rf"(?<!\w){phrase}{INFLECTION}(?!\w)", re.IGNORECASE)
        found.append((term, plain, pattern))
    return found


def jargon_hits(sentence: str) -> list[tuple[str, str, str]]:
    """(term, the words as written, plain suggestion) for each hit, in sentence order."""
    taken: list[tuple[int, int]] = []
    hits = []
    for term, plain, pattern in _patterns():
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            hits.append((start, term, match.group(), plain))
    return [(term, written, plain) for _, term, written, plain in sorted(hits)]


def jargon_problems(sentence: str) -> list[Problem]:
    return [
        Problem("error", "jargon", f"officialese '{written}': say '{plain}'", sentence)
        for _, written, plain in jargon_hits(sentence)
    ]
