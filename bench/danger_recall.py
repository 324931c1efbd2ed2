"""Recall on danger and the false-alarm rate of the phrase layer, on the corpus in tests/corpus.

Prints recall per kind (target 100%) and the false alarms on harmless look-alikes
(target at most 5%), with every miss and every false alarm listed.

    .venv/bin/python bench/danger_recall.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.intake.extract.threats import crisis, threats  # noqa: E402
from content.loader import load_yaml  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def signals(text: str) -> list[str]:
    return [*crisis(text), *threats(text)]


def measure() -> tuple[float, float, list[str], list[str]]:
    danger = load_yaml((CORPUS / "danger.yml").read_text(encoding="utf-8"))
    harmless = load_yaml((CORPUS / "harmless.yml").read_text(encoding="utf-8"))
    misses = [
        f"{kind}: {text}"
        for kind, texts in danger.items()
        for text in texts
        if kind not in signals(text)
    ]
    total = sum(len(texts) for texts in danger.values())
    alarms = [f"{signals(text)}: {text}" for text in harmless if signals(text)]
    return 1 - len(misses) / total, len(alarms) / len(harmless), misses, alarms


def main() -> None:
    recall, false_alarms, misses, alarms = measure()
    print(f"recall on danger:  {recall:.1%} (target 100%)")
    print(f"false-alarm rate:  {false_alarms:.1%} (target at most 5%)")
    for miss in misses:
        print(f"  missed  {miss}")
    for alarm in alarms:
        print(f"  alarm   {alarm}")


if __name__ == "__main__":
    main()
