"""Concept features for the intent model: words that mean alike, counted together.

Word and character n-grams only know the words of the training examples: "benauwd" and
"krijgt geen lucht" are strangers unless both were seen. The concept lists in bot/lexicon
(one file per language, kept by people who know the language) say which words belong to
one concept: dying, violence, a body in danger, a place to sleep, "I don't know", "again",
and so on. Each message gets one feature per concept: how many of its words are that
concept's words. The model then learns what a concept means from every example that uses
any of its words, so a new phrasing with a listed word is understood too.

A word ending in `*` is a stem: `zelfmoord*` covers "zelfmoordgedachten". Words are
normalised exactly like the messages (rasa_ext.text), so accents and letter forms match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from rasa_ext.text import normalise

# A message counts at most this many words of one concept: a fourth "nee" adds nothing.
MOST = 3
# Stems shorter than this would match unrelated words.
SHORTEST_STEM = 4


def read_lexicon(folder: Path) -> dict[str, list[str]]:
    """Every language's lists in `folder` merged per concept: {concept: [word or stem*]}."""
    merged: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.yml")):
        lists = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(lists, dict):
            raise ValueError(f"{path}: expected concept: [words], got {type(lists).__name__}")
        for concept, words in lists.items():
            if not isinstance(concept, str):
                # YAML reads a bare `no:` or `yes:` as a boolean: the key must be quoted.
                raise ValueError(f"{path}: concept {concept!r} is not a name; quote it")
            if not isinstance(words, list):
                raise ValueError(f"{path}: {concept} should be a list of words")
            merged.setdefault(str(concept), []).extend(str(word) for word in words)
    return merged


class ConceptCounts(TransformerMixin, BaseEstimator):
    """Per message and concept: the share of up to MOST words of that concept. How much the
    counts weigh beside the n-grams is the classifier's `concept_weight`."""

    def __init__(self, lexicon: Mapping[str, Iterable[str]] | None = None):
        self.lexicon = lexicon

    def fit(self, texts: Any = None, intents: Any = None) -> ConceptCounts:
        self.concepts_ = sorted(self.lexicon or {})
        self.words_: dict[str, list[int]] = {}
        self.stems_: dict[str, list[int]] = {}
        for index, concept in enumerate(self.concepts_):
            for entry in (self.lexicon or {})[concept]:
                stem = entry.endswith("*")
                word = normalise(entry.rstrip("*"))
                if not word or " " in word or (stem and len(word) < SHORTEST_STEM):
                    continue  # a phrase or a too-short stem would match what it should not
                found = (self.stems_ if stem else self.words_).setdefault(word, [])
                if index not in found:
                    found.append(index)
        return self

    def _concepts_of(self, word: str) -> set[int]:
        hits = set(self.words_.get(word, ()))
        for end in range(SHORTEST_STEM, len(word) + 1):
            hits.update(self.stems_.get(word[:end], ()))
        return hits

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        texts = list(texts)
        rows, columns, values = [], [], []
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for word in set(text.split()):
                for concept in self._concepts_of(word):
                    counts[concept] = counts.get(concept, 0) + 1
            for concept, count in counts.items():
                rows.append(row)
                columns.append(concept)
                values.append(min(count, MOST) / MOST)
        shape = (len(texts), len(self.concepts_))
        return sparse.csr_matrix((values, (rows, columns)), shape=shape, dtype=np.float64)


class ConceptPairs(ConceptCounts):
    """Per message: one feature for each two concepts that occur together.

    A linear model weighs each concept on its own, but the meaning often lies in the
    combination: "no" with "good" is a so-so or bad answer, "child" with "missing" is
    danger, "child" alone is not. With about 35 concepts this adds some 600 features."""

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        # Which concepts each message holds: the counts' non-zero columns.
        counts = super().transform(texts)
        counts.sort_indices()
        size = len(self.concepts_)
        rows, columns = [], []
        for row in range(counts.shape[0]):
            found = counts.indices[counts.indptr[row] : counts.indptr[row + 1]].tolist()
            for a, first in enumerate(found):
                for second in found[a + 1 :]:
                    rows.append(row)
                    columns.append(_pair_index(first, second, size))
        shape = (counts.shape[0], size * (size - 1) // 2)
        values = np.ones(len(rows), dtype=np.float64)
        return sparse.csr_matrix((values, (rows, columns)), shape=shape, dtype=np.float64)


def _pair_index(first: int, second: int, size: int) -> int:
    """Column of the pair (first < second) in the upper triangle, row by row."""
    return first * size - first * (first + 1) // 2 + (second - first - 1)
