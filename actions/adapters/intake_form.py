"""`validate_intake_form`: every turn of the intake form goes through here.

Rasa's form loop calls this action on each message while the form is active. It reads
the tracker, lets `actions.intake.turn` decide, sends the envelopes and returns the
slots. It also names the next slot itself (`requested_slot`), which is how Rasa forms
take dynamic required slots: the question bank, not the domain, decides the order.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.intake.state import CLOSED_SLOT, META_SLOT, IntakeState
from actions.intake.summary import build_summary
from actions.intake.turn import after_handoff, handle
from actions.intake.understand import Incoming
from actions.services.handoff import hand_off
from content.loader import load_bank

REQUESTED_SLOT = "requested_slot"


def incoming_from(latest: dict[str, Any]) -> Incoming:
    intent = latest.get("intent") or {}
    return Incoming(
        text=latest.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        entities={e["entity"]: e.get("value") for e in latest.get("entities") or []},
    )


class ValidateIntakeForm(Action):
    def name(self) -> str:
        return "validate_intake_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        bank = load_bank()
        questions = bank.questions()
        state = IntakeState.from_slots(
            tracker.current_slot_values(), {qid: q.slot for qid, q in questions.items()}
        )
        latest = tracker.latest_message or {}
        # The API sends the conversation's language with every message; the first turn
        # keeps it in the state (it decides, for one, whether to offer an interpreter).
        metadata = latest.get("metadata") or tracker.get_slot("session_started_metadata") or {}
        if state.current is None and metadata.get("language"):
            state.language = str(metadata["language"])
        outcome = handle(bank, state, incoming_from(latest), datetime.now(UTC))
        envelopes = list(outcome.envelopes)
        if outcome.handoff:
            reference = await hand_off(tracker.sender_id, build_summary(bank, state))
            envelopes += after_handoff(bank, state, reference)
        for envelope in envelopes:
            dispatcher.utter_message(json_message=envelope)

        events: list[EventType] = [
            SlotSet(questions[qid].slot, a.as_slot() if (a := state.answers.get(qid)) else None)
            for qid in sorted(outcome.changed)
        ]
        events.append(SlotSet(META_SLOT, state.meta()))
        # The form never ends on its own: after the handoff it waits on a slot that is
        # never filled, so every later message still comes here and gets a kind answer.
        next_slot = questions[state.current].slot if state.current else CLOSED_SLOT
        events.append(SlotSet(REQUESTED_SLOT, next_slot))
        return events
