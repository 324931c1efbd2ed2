"""Engine-side files: endpoints from DATABASE_URL, the training hash, the generated domain slots."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from actions.adapters import domain_slots
from api.engine.endpoints import TRACKER_STORE, tracker_store, write_endpoints
from api.engine.model import CLASSIFIER_CODE, content_hash
from api.settings import ROOT


def test_sqlite_tracker_store_shares_the_file() -> None:
    assert tracker_store("sqlite:////srv/var/voordeur.db") == {
        "type": TRACKER_STORE,
        "dialect": "sqlite",
        "db": "/srv/var/voordeur.db",
    }


def test_postgresql_tracker_store_uses_the_same_database() -> None:
    store = tracker_store("postgresql+psycopg://voordeur:s3cret@db.local:5433/intake")
    assert store == {
        "type": TRACKER_STORE,
        "dialect": "postgresql",
        "url": "db.local",
        "port": 5433,
        "db": "intake",
        "username": "voordeur",
        "password": "s3cret",
    }


def test_endpoints_file_points_rasa_at_the_action_server(tmp_path: Path) -> None:
    path = write_endpoints(tmp_path / "e.yml", "sqlite:///x.db", "http://127.0.0.1:6001")
    config = yaml.safe_load(path.read_text())
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:6001/webhook"
    assert config["lock_store"] == {"type": "in_memory"}


def test_the_training_hash_changes_with_what_shapes_the_model_only(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "bot", copy / "bot")
    shutil.copy(ROOT / "config.yml", copy / "config.yml")
    (copy / "rasa_ext").mkdir()
    for name in CLASSIFIER_CODE:
        shutil.copy(ROOT / "rasa_ext" / name, copy / "rasa_ext")
    before = content_hash(copy)
    (copy / "README.txt").write_text("not training data")
    (copy / "rasa_ext" / "turns.py").write_text("# engine code that trains nothing")
    assert content_hash(copy) == before
    rules = copy / "bot" / "data" / "rules.yml"
    rules.write_text(rules.read_text() + "\n# changed\n")
    after_data = content_hash(copy)
    assert after_data != before
    hashes = {after_data}
    for name in CLASSIFIER_CODE:
        code = copy / "rasa_ext" / name
        code.write_text(code.read_text() + "\n# changed\n")
        hashes.add(content_hash(copy))
    assert len(hashes) == 1 + len(CLASSIFIER_CODE)


def test_every_module_the_classifier_reads_is_in_the_training_hash() -> None:
    # A module the classifier imports but the hash leaves out would let a changed model
    # go untrained: `make run` would keep serving the old one.
    needed, todo = set(), ["intent_classifier"]
    while todo:
        name = todo.pop()
        needed.add(f"{name}.py")
        code = (ROOT / "rasa_ext" / f"{name}.py").read_text(encoding="utf-8")
        todo += [
            m
            for m in re.findall(r"^from rasa_ext\.(\w+) import", code, re.M)
            if f"{m}.py" not in needed
        ]
    assert needed <= set(CLASSIFIER_CODE)


def test_domain_slots_are_generated_from_the_bank_and_up_to_date() -> None:
    assert domain_slots.main(["--check"]) == 0
    slots = yaml.safe_load(domain_slots.render())["slots"]
    assert "q_debts__screen" in slots and "q_contact__phone" in slots
