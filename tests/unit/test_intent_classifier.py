"""The engine's intent classifier (rasa_ext/intent_classifier.py), run by the engine's Python."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from api.settings import ENGINE_PYTHON
from rasa_ext.text import normalise

ROOT = Path(__file__).resolve().parents[2]

NORMALISE = {
    "Jaaaa!!": "jaa",  # stretching and punctuation go; a double letter stays
    "weet ik niet": "weet ik niet",
    "Zgadza się": "zgadza sie",  # Polish without its letters
    "bilmiyorum ŞİMDİ": "bilmiyorum simdi",
    "أريد إنساناً": "اريد انسانا",  # hamza forms and tanwin: one letter form
    "مدرسة": "مدرسه",  # taa marbuta as it is often typed
    "ні, не правильно": "ні не правильно",  # Cyrillic і is a letter of its own
    "I don’t know": "i dont know",
    "  heel   slecht ": "heel slecht",
}
ASK = ["jaaaa", "NEE HOOR", "ik stop er even mee, straks verder"]


@pytest.fixture(scope="module")
def checked() -> dict:
    if not ENGINE_PYTHON.exists():
        pytest.skip("the engine environment (.venv-rasa) is missing: run make test")
    request = json.dumps({"ask": ASK})
    done = subprocess.run(
        [str(ENGINE_PYTHON), str(ROOT / "tests" / "support" / "intent_classifier_check.py")],
        input=request,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_typed_text_is_brought_to_one_written_form() -> None:
    assert {text: normalise(text) for text in NORMALISE} == NORMALISE


def test_a_stored_and_reloaded_classifier_reads_typed_answers(checked: dict) -> None:
    answers = checked["answers"]
    assert answers["jaaaa"]["intent"]["name"] == "affirm"
    assert answers["NEE HOOR"]["intent"]["name"] == "deny"
    assert answers["ik stop er even mee, straks verder"]["intent"]["name"] == "pause"


def test_the_ranking_is_a_probability_per_intent_best_first(checked: dict) -> None:
    for answer in checked["answers"].values():
        ranking = answer["ranking"]
        confidences = [entry["confidence"] for entry in ranking]
        assert {entry["name"] for entry in ranking} == {"affirm", "deny", "pause"}
        assert confidences == sorted(confidences, reverse=True)
        assert all(0.0 <= c <= 1.0 for c in confidences)
        assert sum(confidences) == pytest.approx(1.0)
        assert answer["intent"] == ranking[0]


def test_a_stored_model_with_foreign_types_is_refused(checked: dict) -> None:
    assert checked["refused"] is not None
    assert "unexpected types" in checked["refused"]


def test_a_damaged_stored_model_stops_the_engine_instead_of_reading_nothing(
    checked: dict,
) -> None:
    assert checked["damaged"] is not None
    assert "cannot be read" in checked["damaged"]


def test_without_a_stored_model_a_message_gets_no_intent_not_an_error(
    checked: dict,
) -> None:
    assert checked["untrained"] == {"name": None, "confidence": 0.0}


def test_concepts_count_listed_words_and_stems_up_to_three(checked: dict) -> None:
    concepts = checked["concepts"]
    assert concepts["names"] == ["dying", "no"]
    rows = concepts["rows"]
    assert rows["ik wil dood"] == pytest.approx([1 / 3, 0.0])  # one word of at most three
    assert rows["zelfmoordgedachten"] == pytest.approx([1 / 3, 0.0])  # a stem
    assert rows["nee niet nooit nee nee"] == pytest.approx([0.0, 1.0])  # three words, no more
    assert rows["zelf"] == [0.0, 0.0]  # shorter than the stem: no match
    assert rows[""] == [0.0, 0.0]


def test_the_project_lists_put_a_typed_threat_under_violence(checked: dict) -> None:
    concepts = checked["concepts"]
    assert concepts["project_concepts"] >= 30
    assert concepts["violence"] > 0
    assert concepts["food"] == 0


def test_concept_pairs_mark_two_concepts_that_occur_together(checked: dict) -> None:
    found = checked["concepts"]["pairs"]
    # Concepts in name order: child, missing, no; pairs: (child, missing), (child, no),
    # (missing, no).
    assert found["width"] == 3
    rows = found["rows"]
    assert rows["mijn kind is zoek"] == [1.0, 0.0, 0.0]
    assert rows["kind kwijt en niet te vinden"] == [1.0, 1.0, 1.0]
    assert rows["mijn kind"] == [0.0, 0.0, 0.0]  # one concept makes no pair
    assert rows[""] == [0.0, 0.0, 0.0]


def test_words_after_a_negation_are_features_of_their_own(checked: dict) -> None:
    found = checked["concepts"]["negated"]
    assert found["negated"] == {
        "het gaat niet zo goed": "neg_zo neg_goed",
        "goed": "neg_none",  # nothing negated: one placeholder token
        # a second negation starts a new reach; stems are no negation words
        "geen zorgen, nooit problemen": "neg_zorgen neg_problemen",
        "niet": "neg_none",
    }
    assert "neg_goed" in found["features"]
    assert "goed" not in found["features"]  # the plain word is the n-grams' business
    assert found["nonzero"] == [2, 1, 2, 1]
