"""Both layers together, on the real model: the phrase layer and the NLU's danger intents.

Every phrasing of the danger corpus (all languages) is read as the intake reads it: the
trained model's intent (loaded in the engine environment, bench/model_intents.py), plus
the phrases in content/. The model may add signals the phrases miss, but it must not push
false alarms over 5%.
"""

from __future__ import annotations

import pytest

from api.engine.model import ensure_model
from bench.danger_recall import measure, model_intents, with_model

pytestmark = pytest.mark.e2e


def test_recall_stays_complete_and_false_alarms_low_with_the_model() -> None:
    read = with_model(ensure_model())
    recall, false_alarms, misses, alarms = measure(read)
    assert recall == 1.0, misses
    assert false_alarms <= 0.05, alarms


def test_the_intents_come_from_the_trained_model() -> None:
    # Guards the reader itself: an endpoint that answers nothing would leave only the
    # phrase layer, and the test above would pass without the model.
    intents = model_intents(ensure_model(), ["jaaa", "ik wil niet meer leven", "nee hoor"])
    assert intents["jaaa"]["name"] == "affirm"
    assert intents["ik wil niet meer leven"]["name"] == "danger_suicide"
    assert intents["nee hoor"]["name"] == "deny"
    assert all(0.3 < intent["confidence"] <= 1.0 for intent in intents.values())
