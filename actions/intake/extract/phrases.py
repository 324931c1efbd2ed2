"""Phrase catalogs from content/patterns/*.yml, matched on lemmas and on lower-case words.

A catalog maps a key (a life domain, a threat, a kind of support) to phrases. Content
editors extend the YAML; spaCy's blank Dutch pipeline with lookup lemmas does the
matching, so "schulden" finds "schuld" and "kinderen" finds "kind".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from actions.intake.extract import patterns
from actions.intake.extract.pipeline import nlp


@dataclass(frozen=True)
class Hit:
    key: str
    start: int
    words: str


# A phrase of three or more words still matches with this many words in between:
# "ik zie het (echt) niet meer zitten", "ze sluiten het gas af" (a separable verb).
GAP = 2
GAPPED_FROM = 3


@functools.cache
def _gapped(catalog: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw = patterns.load(catalog)
    phrases = []
    for key, items in raw.items():
        for phrase in items:
            words = tuple(t.text for t in nlp()(str(phrase).lower()))
            if len(words) >= GAPPED_FROM:
                phrases.append((key, words))
    return tuple(phrases)


def _find_in_order(words: tuple[str, ...], tokens: list[str], lemmas: list[str]) -> int | None:
    """Start of the first run holding `words` in order, at most GAP extra words in it."""
    for start, (token, lemma) in enumerate(zip(tokens, lemmas, strict=True)):
        if words[0] not in (token, lemma):
            continue
        position, matched = start, 1
        limit = min(len(tokens), start + len(words) + GAP)
        for index in range(start + 1, limit):
            if matched < len(words) and words[matched] in (tokens[index], lemmas[index]):
                matched += 1
                position = index
        if matched == len(words) and position < limit:
            return start
    return None


@functools.cache
def _matchers(catalog: str) -> tuple[PhraseMatcher, ...]:
    raw = patterns.load(catalog)
    by_lemma = PhraseMatcher(nlp().vocab, attr="LEMMA")
    by_lower = PhraseMatcher(nlp().vocab, attr="LOWER")
    for key, phrases in raw.items():
        docs = [nlp()(str(phrase).lower()) for phrase in phrases]
        by_lemma.add(key, docs)
        by_lower.add(key, docs)
    return by_lemma, by_lower


def find(catalog: str, text: str) -> list[Hit]:
    """Every key of `catalog` found in `text`, in order of first mention, each once."""
    doc = nlp()(text.lower())
    hits: list[Hit] = []
    for matcher in _matchers(catalog):
        for match_id, start, end in matcher(doc):
            hits.append(Hit(nlp().vocab.strings[match_id], start, doc[start:end].text))
    tokens = [t.text for t in doc]
    lemmas = [t.lemma_ or t.text for t in doc]
    for key, words in _gapped(catalog):
        start = _find_in_order(words, tokens, lemmas)
        if start is not None:
            hits.append(Hit(key, start, " ".join(words)))
    first: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        first.setdefault(hit.key, hit)
    return list(first.values())


def keys(catalog: str, text: str) -> list[str]:
    return [hit.key for hit in find(catalog, text)]
