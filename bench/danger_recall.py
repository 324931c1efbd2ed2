"""Recall on danger and the false-alarm rate of the phrase layer, on the corpus in tests/corpus.

Prints recall per kind (target 100%) and the false alarms on harmless look-alikes
(target at most 5%), with every miss and every false alarm listed.

    .venv/bin/python bench/danger_recall.py [--rasa-url http://127.0.0.1:5005]
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.intake.extract.threats import crisis, threats  # noqa: E402
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


def with_model(rasa_url: str) -> Callable[[str], list[str]]:
    """Read as the intake does: the running model's intent plus the phrase layer."""
    import httpx

    from actions.intake.understand import Incoming, signal_kinds

    client = httpx.Client(timeout=30)

    @functools.cache
    def read(text: str) -> list[str]:
        parsed = client.post(f"{rasa_url.rstrip('/')}/model/parse", json={"text": text}).json()
        intent = parsed.get("intent") or {}
        return signal_kinds(
            Incoming(text, intent.get("name"), float(intent.get("confidence") or 0))
        )

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rasa-url", help="also read with a running model (make run: :5005)")
    args = parser.parse_args()
    readers = {"phrase layer": signals}
    if args.rasa_url:
        readers["phrases + model"] = with_model(args.rasa_url)
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
