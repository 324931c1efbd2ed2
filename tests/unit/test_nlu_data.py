"""The NLU training data (bot/data/nlu): enough examples, no copies, nothing from the tests.

The intent model reads text through rasa_ext.text.normalise, so two examples that are the
same after it are one example counted twice: in the 80/20 evaluation (bench/nlu_eval.py)
one half could land in training and the other in the held-out part, and the figure would
flatter. The danger corpus in tests/corpus measures what the model has not seen, so none
of its phrasings may be a training example.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
import yaml

from bench.danger_recall import corpus_texts
from bench.nlu_eval import training_examples
from rasa_ext.text import normalise

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "pl", "tr", "uk", "ar")
# What the conversation relies on in every language (issue 7): yes, no, skip, why, repeat,
# back, stop, a person, the crisis intents, the screening answers and free telling.
EVERY_LANGUAGE = {
    "affirm",
    "deny",
    "dont_know",
    "skip",
    "ask_why",
    "repeat",
    "go_back",
    "pause",
    "human",
    "answer_good",
    "answer_so_so",
    "answer_bad",
    "inform",
    "danger_suicide",
    "danger_violence",
    "danger_child",
    "danger_homeless",
    "danger_medical",
    "threat_eviction",
    "threat_cutoff",
    "threat_no_food",
    "threat_bailiff",
}
# Intents a button sends; residents rarely type them, so fewer examples do.
BUTTON_INTENTS = {"start", "choose"}


# (file, language, intent, text), read as the evaluation reads them.
EXAMPLES = training_examples()


def _counts() -> dict[str, collections.Counter]:
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for _, language, intent, _ in EXAMPLES:
        counts[language][intent] += 1
    return counts


def test_every_dutch_intent_has_at_least_twenty_examples() -> None:
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "core.yml").read_text(encoding="utf-8"))
    dutch = _counts()["nl"]
    thin = {i: dutch[i] for i in domain["intents"] if i not in BUTTON_INTENTS and dutch[i] < 20}
    assert not thin, thin


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_covers_what_the_conversation_relies_on(language: str) -> None:
    counts = _counts()[language]
    thin = {intent: counts[intent] for intent in EVERY_LANGUAGE if counts[intent] < 20}
    assert not thin, thin


def test_no_example_appears_twice_once_normalised() -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    twice = []
    for file, _, intent, text in EXAMPLES:
        key = normalise(text)
        if key in seen:
            twice.append((seen[key], (file, intent, text)))
        seen.setdefault(key, (file, intent, text))
    assert not twice, twice[:20]


def test_no_phrasing_of_the_danger_corpus_is_a_training_example() -> None:
    trained = {normalise(text) for *_, text in EXAMPLES}
    held_out = corpus_texts()
    assert len(held_out) > 100
    assert [text for text in held_out if normalise(text) in trained] == []
