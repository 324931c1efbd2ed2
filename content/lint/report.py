"""Checks every text and variant, and reports per text.

Errors (the gate fails): a sentence over 15 words, a mean over 12 words per sentence,
Flesch-Douma under 65, a rare word not on the allow-list, officialese from jargon.yml.
Warnings (read them, the gate passes): easy compounds, passive-voice hints.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from statistics import mean

from content.lint import readability, text, vocabulary
from content.loader import Variants, load_texts

MAX_WORDS = 15
MAX_MEAN_WORDS = 12
MIN_FLESCH_DOUMA = 65.0
# Buttons and labels ("Ja", "Lezen, schrijven, taal en computer") are too short for a
# reading-ease score to mean anything; their length and words are still checked.
MIN_WORDS_FOR_SCORE = 6


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    code: str
    message: str


@dataclass
class Checked:
    key: str
    variant: str
    text: str
    score: float | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Report:
    checked: list[Checked]

    @property
    def errors(self) -> list[tuple[Checked, Problem]]:
        return [(c, p) for c in self.checked for p in c.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[tuple[Checked, Problem]]:
        return [(c, p) for c in self.checked for p in c.problems if p.severity == "warning"]

    def worst(self) -> Checked | None:
        scored = [c for c in self.checked if c.score is not None]
        return min(scored, key=lambda c: c.score) if scored else None


def check_text(key: str, variant: str, content: str) -> Checked:
    problems: list[Problem] = []
    parts = text.sentences(content)
    counts = [len(text.words(s)) for s in parts] or [0]
    for sentence, count in zip(parts, counts, strict=False):
        if count > MAX_WORDS:
            problems.append(Problem("error", "long_sentence", f"{count} words: {sentence}"))
        for term, plain in vocabulary.jargon_in(sentence):
            problems.append(Problem("error", "jargon", f"'{term}': say '{plain}'"))
        if vocabulary.passive_hint(sentence):
            problems.append(Problem("warning", "passive", f"passive voice? {sentence}"))
        for word in text.words(sentence):
            if not text.is_word_to_check(word):
                continue
            level = vocabulary.rarity(word)
            if level:
                what = "rare word" if level == "error" else "compound word, check it reads easily"
                problems.append(Problem(level, "rare_word", f"{what}: {word}"))
    if mean(counts) > MAX_MEAN_WORDS:
        problems.append(
            Problem("error", "mean_length", f"mean {mean(counts):.1f} words a sentence")
        )
    all_words = [w for s in parts for w in text.words(s)]
    score = None
    if len(all_words) >= MIN_WORDS_FOR_SCORE:
        syllables = sum(readability.syllables(w) for w in all_words)
        score = readability.flesch_douma(len(all_words), len(parts), syllables)
        if score < MIN_FLESCH_DOUMA:
            problems.append(Problem("error", "reading_ease", f"Flesch-Douma {score:.0f} (< 65)"))
    return Checked(key, variant, content, score, problems)


def check_all(texts: dict[str, Variants]) -> Report:
    return Report(
        [
            check_text(key, variant, value)
            for key, variants in sorted(texts.items())
            for variant, value in variants.all_variants().items()
        ]
    )


def print_report(report: Report, show_all: bool = False) -> None:
    for checked in report.checked:
        if not checked.problems and not show_all:
            continue
        score = f"{checked.score:.0f}" if checked.score is not None else "-"
        print(f"{checked.key} [{checked.variant}] Flesch-Douma {score}: {checked.text}")
        for problem in checked.problems:
            print(f"    {problem.severity}: {problem.message}")
    worst = report.worst()
    print(
        f"\n{len(report.checked)} texts checked: {len(report.errors)} errors, "
        f"{len(report.warnings)} warnings."
    )
    if worst is not None:
        where = f"{worst.key} [{worst.variant}]"
        print(f"Hardest text: {where}, Flesch-Douma {worst.score:.0f}: {worst.text}")


def main(argv: list[str], texts: dict[str, Variants] | None = None) -> int:
    report = check_all(texts if texts is not None else load_texts("nl"))
    if "--json" in argv:
        print(json.dumps([asdict(c) for c in report.checked], ensure_ascii=False, indent=1))
    else:
        print_report(report, show_all="--all" in argv)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
