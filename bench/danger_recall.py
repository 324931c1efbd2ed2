"""Recall on danger and the false-alarm rate of the phrase layer, on the corpus in tests/corpus.

Prints recall per kind (target 100%) and the false alarms on harmless look-alikes
(target at most 5%), with every miss and every false alarm listed.

    .venv/bin/python bench/danger_recall.py [--model [models/voordeur-….tar.gz]]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.intake.extract.threats import crisis, threats  # noqa: E402
from api.settings import ENGINE_PYTHON  # noqa: E402
from content.loader import load_yaml  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def signals(text: str) -> list[str]:
    return [*crisis(text), *threats(text)]


def _load(name: str) -> dict:
    return load_yaml((CORPUS / name).read_text(encoding="utf-8"))


def corpora() -> dict[str, tuple[dict[str, list[str]], list[str]]]:
    """Per language: {kind: danger phrasings} and harmless look-alikes."""
    found = {"nl": (_load("danger.yml"), _load("harmless.yml"))}
    for language, parts in _load("danger_languages.yml").items():
        found[language] = (parts["danger"], parts["harmless"])
    return found


def corpus_texts() -> list[str]:
    """Every danger phrasing and every look-alike, all languages, once each."""
    return sorted(
        {
            text
            for danger, harmless in corpora().values()
            for text in [*(t for texts in danger.values() for t in texts), *harmless]
        }
    )


def measure(
    read: Callable[[str], list[str]] = signals,
) -> tuple[float, float, list[str], list[str]]:
    """Recall and false-alarm rate over every language; misses and alarms listed."""
    misses, alarms, total, harmless_total = [], [], 0, 0
    for language, (danger, harmless) in corpora().items():
        for kind, texts in danger.items():
            total += len(texts)
            misses += [f"{language} {kind}: {t}" for t in texts if kind not in read(t)]
        harmless_total += len(harmless)
        alarms += [f"{language} {read(t)}: {t}" for t in harmless if read(t)]
    return 1 - len(misses) / total, len(alarms) / harmless_total, misses, alarms


def by_language(read: Callable[[str], list[str]] = signals) -> dict[str, tuple[int, int, int, int]]:
    """Per language: (found, danger phrasings, false alarms, look-alikes)."""
    figures = {}
    for language, (danger, harmless) in corpora().items():
        texts = [(kind, t) for kind, items in danger.items() for t in items]
        found = sum(kind in read(t) for kind, t in texts)
        alarms = sum(bool(read(t)) for t in harmless)
        figures[language] = (found, len(texts), alarms, len(harmless))
    return figures


def model_intents(model: Path, texts: list[str]) -> dict[str, dict]:
    """{text: {"name", "confidence"}} from the trained model, in the engine environment."""
    done = subprocess.run(
        [str(ENGINE_PYTHON), str(ROOT / "bench" / "model_intents.py"), str(model)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def with_model(model: Path) -> Callable[[str], list[str]]:
    """Read as the intake does: the trained model's intent plus the phrase layer."""
    from actions.intake.understand import Incoming, signal_kinds

    intents = model_intents(model, corpus_texts())

    def read(text: str) -> list[str]:
        intent = intents[text]  # a text the model did not read is a KeyError, not "no signal"
        return signal_kinds(Incoming(text, intent["name"], float(intent["confidence"] or 0)))

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--model",
        nargs="?",
        const="current",
        help="also read with a trained model (default: the current one, trained if needed)",
    )
    args = parser.parse_args()
    readers = {"phrase layer": signals}
    if args.model:
        from api.engine.model import ensure_model

        model = ensure_model() if args.model == "current" else Path(args.model)
        readers["phrases + model"] = with_model(model)
    for name, read in readers.items():
        report(name, read)


def report(name: str, read: Callable[[str], list[str]]) -> None:
    recall, false_alarms, misses, alarms = measure(read)
    print(f"{name}")
    print(f"recall on danger:  {recall:.1%} (target 100%)")
    print(f"false-alarm rate:  {false_alarms:.1%} (target at most 5%)")
    for language, (found, total, alarm_count, harmless) in by_language(read).items():
        print(f"  {language}: {found}/{total} found, {alarm_count}/{harmless} false alarms")
    for miss in misses:
        print(f"  missed  {miss}")
    for alarm in alarms:
        print(f"  alarm   {alarm}")


if __name__ == "__main__":
    main()
