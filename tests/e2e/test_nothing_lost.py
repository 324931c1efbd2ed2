"""Rasa stops in the middle of a conversation: the resident is told calmly, nothing is lost."""

from __future__ import annotations

import httpx
import pytest

from api.summary_schema import problems
from tests.support.chat import Chat
from tests.support.services import Stack

pytestmark = pytest.mark.e2e


def test_rasa_down_mid_conversation_loses_nothing(
    chat: Chat, stack: Stack, staff_token: str
) -> None:
    chat.start()
    chat.click("yes")
    assert chat.asked() == "request.open"

    stack.rasa.stop()
    try:
        saved = "we krijgen een brief over uitzetting uit ons huis"
        answer = chat.say(saved)
        assert answer["state"]["finished"] is False
        assert chat.keys == ["system.unavailable"]
        text = answer["messages"][0]["text"]
        assert "14 045" in text and "bewaard" in text
        code = text.rsplit("code ", 1)[1].rstrip(".")

        # Reading the conversation still works while Rasa is down.
        history = httpx.get(f"{stack.api_url}/api/conversations/{chat.conversation_id}")
        assert history.status_code == 200
        assert saved in [m["text"] for m in history.json()["messages"]]
        health = httpx.get(f"{stack.api_url}/api/health").json()
        assert health["rasa"] == "down" and health["status"] == "degraded"
    finally:
        stack.rasa.start()
        stack.rasa.wait_ready()

    # Back: the resident resumes with the code; the saved message is answered first.
    resumed = httpx.post(f"{stack.api_url}/api/conversations/resume", json={"code": code}).json()
    assert resumed["conversation_id"] == chat.conversation_id
    # The saved words spoke of an eviction: the resident chooses to go on first.
    assert resumed["last_question"]["expects"]["question"] == "crisis.go_on"
    chat.last = httpx.get(f"{stack.api_url}/api/conversations/{chat.conversation_id}").json()
    chat.click("yes")
    assert chat.asked() == "household.members"
    chat.say("ik en mijn vriendin")
    chat.answer_until("finished")
    reference = chat.last["state"]["reference"]
    summary = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert problems(summary) == []
    housing = next(d for d in summary["domains"] if d["key"] == "housing")
    assert saved in housing["quotes"]
    assert "eviction" in [signal["type"] for signal in summary["safety"]["signals"]]


def test_message_sent_while_rasa_is_down_is_answered_on_the_next_turn(
    chat: Chat, stack: Stack
) -> None:
    chat.start()
    stack.rasa.stop()
    try:
        chat.click("yes")
        assert chat.keys == ["system.unavailable"]
    finally:
        stack.rasa.start()
        stack.rasa.wait_ready()
    # The saved "ja" goes first, then this message answers the open question.
    chat.say("ik heb schulden")
    assert "request.open" in chat.keys
    assert chat.asked() == "household.members"
