"""The concept word lists (bot/lexicon) that the intent model counts (rasa_ext/concepts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rasa_ext.text import normalise

LEXICON = Path(__file__).resolve().parents[2] / "bot" / "lexicon"
FILES = sorted(LEXICON.glob("*.yml"))


def _lists(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_is_one_list_file_per_language_of_the_assistant() -> None:
    assert [path.stem for path in FILES] == ["ar", "en", "nl", "pl", "tr", "uk"]


def test_every_language_names_the_same_concepts() -> None:
    concepts = {path.stem: set(_lists(path)) for path in FILES}
    dutch = concepts["nl"]
    assert len(dutch) >= 30
    assert all(isinstance(name, str) for name in dutch), "quote keys like 'no' and 'yes'"
    assert {language: names ^ dutch for language, names in concepts.items() if names != dutch} == {}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_entries_are_single_words_and_stems_are_long_enough(path: Path) -> None:
    wrong = []
    for concept, words in _lists(path).items():
        for entry in words:
            word = normalise(str(entry).rstrip("*"))
            if not word or " " in word or (str(entry).endswith("*") and len(word) < 4):
                wrong.append((concept, entry))
    assert wrong == []
