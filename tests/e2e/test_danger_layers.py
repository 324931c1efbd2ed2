"""Both layers together, on the real model: the phrase layer and the NLU's danger intents.

Every phrasing of the danger corpus (all languages) is read as the intake reads it: the
trained model's intent through Rasa's parse endpoint, plus the phrases in content/. The
model may add signals the phrases miss, but it must not push false alarms over 5%.
"""

from __future__ import annotations

import functools

import httpx
import pytest

from actions.intake.understand import Incoming, signal_kinds
from bench.danger_recall import measure
from tests.support.services import Stack

pytestmark = pytest.mark.e2e


def test_recall_stays_complete_and_false_alarms_low_with_the_model(stack: Stack) -> None:
    rasa_url = stack.rasa.ready_url.rstrip("/")
    with httpx.Client(timeout=30) as client:

        @functools.cache
        def read(text: str) -> list[str]:
            parsed = client.post(f"{rasa_url}/model/parse", json={"text": text}).json()
            intent = parsed.get("intent") or {}
            incoming = Incoming(text, intent.get("name"), float(intent.get("confidence") or 0))
            return signal_kinds(incoming)

        recall, false_alarms, misses, alarms = measure(read)
    assert recall == 1.0, misses
    assert false_alarms <= 0.05, alarms
