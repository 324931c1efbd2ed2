"""Flesch-Douma reading ease for Dutch, with syllables from pyphen's nl_NL dictionary."""

from __future__ import annotations

import functools

import pyphen

from content.lint.sentences import Token

# At or above this a text is easy enough for B1 readers.
MIN_FLESCH_DOUMA = 65.0


@functools.cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllables(word: str | Token) -> int:
    """Hyphenation points + 1. A placeholder, number or address counts as one."""
    if isinstance(word, Token):
        if not word.is_word:
            return 1
        word = word.text
    if not any(ch.isalpha() for ch in word) or word.startswith("{"):
        return 1
    return len(_hyphenator().positions(word.lower())) + 1


def flesch_douma(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """206.835 - 0.93 × words per sentence - 77 × syllables per word (Douma, 1960)."""
    return 206.835 - 0.93 * (word_count / sentence_count) - 77 * (syllable_count / word_count)
