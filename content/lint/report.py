"""The report for editors (and `--json` for tools), and the command's exit code."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from content.lint.checks import Checked, Report, Sentence, check_all
from content.loader import Variants, load_texts


def _score(score: float | None) -> str:
    return "-" if score is None else f"{score:.0f}"


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def _figures(checked: Checked) -> str:
    return (
        f"{_count(checked.words, 'word')}, {_count(len(checked.sentences), 'sentence')} "
        f"({checked.mean_words:.1f} words a sentence), {_count(checked.syllables, 'syllable')}, "
        f"Flesch-Douma {_score(checked.score)}"
    )


def _sentence_figures(sentence: Sentence) -> str:
    return (
        f"{_count(sentence.words, 'word')}, {_count(sentence.syllables, 'syllable')}, "
        f"Flesch-Douma {_score(sentence.score)}"
    )


def format_text(checked: Checked, show_all: bool = False) -> list[str]:
    lines = [f"{checked.key} [{checked.variant}]: {_figures(checked)}"]
    for sentence in checked.sentences:
        problems = [p for p in checked.problems if p.sentence == sentence.text]
        if problems or show_all:
            # One sentence: its figures are those of the text, on the line above.
            figures = f"  ({_sentence_figures(sentence)})" if len(checked.sentences) > 1 else ""
            lines.append(f'  "{sentence.text}"{figures}')
        lines += [f"      {p.severity.upper()} {p.code}: {p.message}" for p in problems]
    whole = [p for p in checked.problems if p.sentence is None]
    lines += [f"  {p.severity.upper()} {p.code}: {p.message}" for p in whole]
    return lines


def summary(report: Report) -> dict[str, Any]:
    worst = report.worst_sentence()
    return {
        "texts": len({c.key for c in report.checked}),
        "checked": len(report.checked),
        "variants": dict(Counter(c.variant for c in report.checked)),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "errors_by_code": dict(Counter(p.code for _, p in report.errors)),
        "warnings_by_code": dict(Counter(p.code for _, p in report.warnings)),
        "worst_sentence": None
        if worst is None
        else {
            "key": worst[0].key,
            "variant": worst[0].variant,
            "sentence": worst[1].text,
            "words": worst[1].words,
            "syllables": worst[1].syllables,
            "flesch_douma": round(worst[1].score or 0.0, 1),
        },
    }


def format_report(report: Report, show_all: bool = False) -> str:
    lines: list[str] = []
    for checked in report.checked:
        if checked.problems or show_all:
            lines += [*format_text(checked, show_all), ""]
    figures = summary(report)
    variants = ", ".join(f"{name} {count}" for name, count in sorted(figures["variants"].items()))
    lines.append(
        f"{figures['checked']} texts checked ({figures['texts']} keys; {variants}): "
        f"{figures['errors']} errors, {figures['warnings']} warnings."
    )
    for kind in ("errors", "warnings"):
        if figures[f"{kind}_by_code"]:
            counts = ", ".join(f"{c} {n}" for c, n in sorted(figures[f"{kind}_by_code"].items()))
            lines.append(f"{kind.capitalize()} by kind: {counts}.")
    worst = figures["worst_sentence"]
    if worst is not None:
        lines.append(
            f"Worst sentence: {worst['key']} [{worst['variant']}], Flesch-Douma "
            f"{worst['flesch_douma']:.1f} ({worst['words']} words, {worst['syllables']} "
            f'syllables): "{worst["sentence"]}"'
        )
    lines.append("B1 check FAILED." if report.errors else "B1 check passed.")
    return "\n".join(lines)


def to_json(report: Report) -> dict[str, Any]:
    return {
        "summary": summary(report),
        "texts": [
            {
                "key": c.key,
                "variant": c.variant,
                "text": c.text,
                "words": c.words,
                "sentences": [
                    {
                        "text": s.text,
                        "words": s.words,
                        "syllables": s.syllables,
                        "flesch_douma": None if s.score is None else round(s.score, 1),
                    }
                    for s in c.sentences
                ],
                "mean_words": round(c.mean_words, 2),
                "syllables": c.syllables,
                "flesch_douma": None if c.score is None else round(c.score, 1),
                "problems": [
                    {
                        "severity": p.severity,
                        "code": p.code,
                        "message": p.message,
                        "sentence": p.sentence,
                    }
                    for p in c.problems
                ],
            }
            for c in report.checked
        ],
    }


def main(argv: list[str] | None = None, texts: Mapping[str, Variants] | None = None) -> int:
    """Run the gate; `texts` lets tests check their own texts. 1 on any error, else 0."""
    parser = argparse.ArgumentParser(
        prog="python -m content.lint",
        description="B1 check of every resident-facing text (all variants).",
    )
    parser.add_argument("--all", action="store_true", help="also show texts that pass")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    options = parser.parse_args(argv)
    report = check_all(texts if texts is not None else load_texts("nl"))
    if options.json:
        print(json.dumps(to_json(report), ensure_ascii=False, indent=1))
    else:
        print(format_report(report, show_all=options.all))
    return 1 if report.errors else 0
