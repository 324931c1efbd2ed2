"""Checks every sentence of every text and variant against the B1 rules.

Errors (the gate fails): a sentence over 15 words, a mean over 12 words a sentence,
Flesch-Douma under 65, a rare word not on the allow-list, officialese from jargon.yml.
Warnings (read them, the gate passes): easy compounds, passive-voice hints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from content.lint import readability
from content.lint.jargon import jargon_hits, jargon_problems
from content.lint.passive import passive_problems
from content.lint.problems import Problem
from content.lint.sentences import sentences, tokens
from content.lint.words import rare_word_problems
from content.loader import OWN_NAMES, Variants

MAX_WORDS = 15
MAX_MEAN_WORDS = 12
MIN_FLESCH_DOUMA = readability.MIN_FLESCH_DOUMA
# Buttons and labels ("Ja", "Lezen, schrijven, taal en computer": the design's own
# domain label) are too short for a reading-ease score to mean anything: they are
# measured by length and by their words only.
MIN_WORDS_FOR_SCORE = 6


def _score(words: int, sentence_count: int, syllables: int) -> float | None:
    if words < MIN_WORDS_FOR_SCORE or sentence_count == 0:
        return None
    return readability.flesch_douma(words, sentence_count, syllables)


@dataclass
class Sentence:
    text: str
    words: int
    syllables: int
    # Flesch-Douma of this sentence alone; None under MIN_WORDS_FOR_SCORE words.
    score: float | None


@dataclass
class Checked:
    """One variant of one text, with its figures and problems."""

    key: str
    variant: str
    text: str
    sentences: list[Sentence]
    problems: list[Problem] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def syllables(self) -> int:
        return sum(s.syllables for s in self.sentences)

    @property
    def mean_words(self) -> float:
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def score(self) -> float | None:
        """Flesch-Douma of the whole text; None for a text under MIN_WORDS_FOR_SCORE words."""
        return _score(self.words, len(self.sentences), self.syllables)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class Report:
    checked: list[Checked]

    @property
    def errors(self) -> list[tuple[Checked, Problem]]:
        return [(c, p) for c in self.checked for p in c.errors]

    @property
    def warnings(self) -> list[tuple[Checked, Problem]]:
        return [(c, p) for c in self.checked for p in c.warnings]

    def worst_sentence(self) -> tuple[Checked, Sentence] | None:
        """The single sentence with the lowest Flesch-Douma score, and its text."""
        scored = [(c, s) for c in self.checked for s in c.sentences if s.score is not None]
        return min(scored, key=lambda pair: pair[1].score or 0.0) if scored else None


def measure(key: str, variant: str, text: str) -> Checked:
    """Figures and problems of one variant of one text."""
    problems: list[Problem] = []
    measured: list[Sentence] = []
    for sentence in sentences(text):
        words = tokens(sentence)
        syllables = sum(readability.syllables(w) for w in words)
        measured.append(Sentence(sentence, len(words), syllables, _score(len(words), 1, syllables)))
        if len(words) > MAX_WORDS:
            message = f"{len(words)} words in one sentence (at most {MAX_WORDS}): split it"
            problems.append(Problem("error", "long_sentence", message, sentence))
        problems += jargon_problems(sentence)
        # A jargon word is often rare too: report it once, as jargon.
        in_jargon = frozenset(w.lower() for _, hit, _ in jargon_hits(sentence) for w in hit.split())
        problems += rare_word_problems(sentence, words, skip=in_jargon)
        problems += passive_problems(sentence, words)
    checked = Checked(key, variant, text, measured, problems)
    if checked.mean_words > MAX_MEAN_WORDS:
        message = f"{checked.mean_words:.1f} words a sentence on average (at most {MAX_MEAN_WORDS})"
        problems.append(Problem("error", "mean_length", message))
    score = checked.score
    if score is not None and score < MIN_FLESCH_DOUMA:
        message = (
            f"Flesch-Douma {score:.1f} (at least {MIN_FLESCH_DOUMA:.0f}): "
            "use shorter sentences and shorter words"
        )
        problems.append(Problem("error", "reading_ease", message))
    return checked


def check_text(key: str, variant: str, text: str) -> list[Problem]:
    """The problems of one variant of one text (key and variant name where it is)."""
    return measure(key, variant, text).problems


def check_all(texts: Mapping[str, Variants]) -> Report:
    """Every variant (text, simple, voice, sms) of every text, sorted by key."""
    return Report(
        [
            measure(key, variant, value)
            for key, variants in sorted(texts.items())
            if not key.startswith(OWN_NAMES)
            for variant, value in variants.all_variants().items()
        ]
    )
