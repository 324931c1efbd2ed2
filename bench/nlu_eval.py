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
    parser.add_argument("--config", default="config.yml", help="another pipeline to compare")
    parser.add_argument("--out", default=str(WORK), help="where the split and model go")
    args = parser.parse_args()
    work = Path(args.out)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
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
        str(work / "split"),
    )
    rasa(
        "train",
        "nlu",
        "-u",
        str(work / "split" / "training_data.yml"),
        "--config",
        args.config,
        "--out",
        str(work / "model"),
        "--fixed-model-name",
        "nlu-eval",
    )
    rasa(
        "test",
        "nlu",
        "-u",
        str(work / "split" / "test_data.yml"),
        "--model",
        str(work / "model" / "nlu-eval.tar.gz"),
        "--out",
        str(work / "results"),
    )
    report = json.loads((work / "results" / "intent_report.json").read_text())
    errors_file = work / "results" / "intent_errors.json"
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
