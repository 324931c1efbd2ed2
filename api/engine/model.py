"""Trains the Rasa model only when bot/, config.yml or the intent classifier changed, keyed by
a content hash."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

from api.settings import RASA, ROOT

MODELS = ROOT / "models"


# The engine code that shapes the trained model (rasa_ext/): the rest of rasa_ext, such as
# the tracker store, trains nothing.
CLASSIFIER_CODE = ("intent_classifier.py", "text.py", "concepts.py", "negation.py")


def training_inputs(root: Path = ROOT) -> list[Path]:
    files = sorted(
        p for p in (root / "bot").rglob("*") if p.is_file() and p.suffix in (".yml", ".yaml")
    )
    # The intent classifier's code shapes the model as much as its data do.
    classifier = [root / "rasa_ext" / name for name in CLASSIFIER_CODE]
    return [root / "config.yml", *classifier, *files]


def content_hash(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in training_inputs(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT) -> Path:
    return MODELS / f"voordeur-{content_hash(root)}.tar.gz"


def ensure_model() -> Path:
    """The current model, trained first if bot/ or config.yml changed since the last one."""
    target = model_path()
    if target.exists():
        print(f"model up to date: {target.name}")
        return target
    MODELS.mkdir(exist_ok=True)
    print("training the Rasa model (bot/ or config.yml changed) ...", flush=True)
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - fixed arguments, our own engine
        [
            str(RASA),
            "train",
            "--config",
            str(ROOT / "config.yml"),
            "--domain",
            str(ROOT / "bot" / "domain"),
            "--data",
            str(ROOT / "bot" / "data"),
            "--out",
            str(MODELS),
            "--fixed-model-name",
            target.name.removesuffix(".tar.gz"),
        ],
        check=True,
        cwd=ROOT,
    )
    print(f"model trained in {time.monotonic() - started:.0f} s: {target.name}")
    return target
