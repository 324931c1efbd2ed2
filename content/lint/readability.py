"""Flesch-Douma reading ease for Dutch, with syllables from pyphen's nl_NL dictionary."""

from __future__ import annotations

import functools

import pyphen

from content.lint.text import PLACEHOLDER


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllables(word: str) -> int:
    if PLACEHOLDER.fullmatch(word) or not any(ch.isalpha() for ch in word):
        return 1
    return len(_hyphenator().positions(word.lower())) + 1


def flesch_douma(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """206.835 - 0.93 × words per sentence - 77 × syllables per word (Douma, 1960)."""
    return 206.835 - 0.93 * (word_count / sentence_count) - 77 * (syllable_count / word_count)
