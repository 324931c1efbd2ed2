"""NLU evaluation: train on 80% of bot/data/nlu, test on the other 20%, print intent macro-F1.

Uses the engine environment's own tools (rasa data split / train nlu / test nlu), so the
figure is for exactly the pipeline in config.yml. Prints the macro-F1, the per-intent F1
and the confusions (which intent was taken for which), most frequent first.

    .venv/bin/python bench/nlu_eval.py [--seed 42]
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
WORK = ROOT / "var" / "nlu-eval"
TARGET = 0.90


def rasa(*args: str) -> None:
    subprocess.run([str(RASA), *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    rasa(
        "data",
        "split",
        "nlu",
        "-u",
        "bot/data/nlu",
        "--training-fraction",
        "0.8",
        "--random-seed",
        str(args.seed),
        "--out",
        str(WORK / "split"),
    )
    rasa(
        "train",
        "nlu",
        "-u",
        str(WORK / "split" / "training_data.yml"),
        "--config",
        "config.yml",
        "--out",
        str(WORK / "model"),
        "--fixed-model-name",
        "nlu-eval",
    )
    rasa(
        "test",
        "nlu",
        "-u",
        str(WORK / "split" / "test_data.yml"),
        "--model",
        str(WORK / "model" / "nlu-eval.tar.gz"),
        "--out",
        str(WORK / "results"),
    )
    report = json.loads((WORK / "results" / "intent_report.json").read_text())
    errors_file = WORK / "results" / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    macro = report["macro avg"]["f1-score"]
    print(f"intent macro-F1 on the held-out 20%: {macro:.3f} (target {TARGET:.2f})")
    print("per intent (F1, support):")
    for name, row in sorted(report.items()):
        if isinstance(row, dict) and "support" in row and "avg" not in name:
            print(f"  {name:14s} {row['f1-score']:.3f}  {int(row['support'])}")
    confusions = collections.Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    print("confusions (true -> predicted: count):")
    for (true, predicted), count in confusions.most_common(20):
        print(f"  {true} -> {predicted}: {count}")
    examples = [e["text"] for e in errors][:10]
    if examples:
        print("some misread examples:", "; ".join(examples))


if __name__ == "__main__":
    main()
