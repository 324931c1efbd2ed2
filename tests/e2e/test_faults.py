"""Faults in the middle of conversations, on the real services: nothing is lost.

Rasa stopping is covered in test_nothing_lost.py; here the action server stops, two
messages for one conversation arrive at once, and what the engine stores and logs is
checked: its events are encrypted, and no service log holds the resident's words.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from api.summary_schema import problems
from tests.support.chat import Chat
from tests.support.services import OUTPUT, Stack
from tests.support.tracker import raw_events, user_texts

pytestmark = pytest.mark.e2e

# Personal data the tests below type; none of it may reach a log file.
PHONE = "06 31415926"
NAME = "Fenna Zwartkruis"
WORDS = "mijn uitkering is gestopt en ik heb 4300 euro schuld"


@pytest.fixture(scope="module")
def log_start() -> dict[Path, int]:
    """Where each service log stood before this module's conversations."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return {path: path.stat().st_size for path in OUTPUT.glob("*.log")}


def test_action_server_down_mid_conversation_loses_nothing(
    chat: Chat, stack: Stack, staff_token: str, log_start: dict[Path, int]
) -> None:
    chat.start()
    chat.click("yes")
    assert chat.asked() == "request.open"

    stack.actions.stop()
    try:
        answer = chat.say(WORDS)  # a 200, never a 5xx
        assert chat.keys == ["system.unavailable"]
        assert answer["state"]["finished"] is False
        assert "bewaard" in answer["messages"][0]["text"]
        # Saved, and shown in the conversation while the action server is away.
        history = httpx.get(f"{stack.api_url}/api/conversations/{chat.conversation_id}")
        assert WORDS in [m["text"] for m in history.json()["messages"]]
    finally:
        stack.actions.start()
        stack.actions.wait_ready()

    # The failed turn left nothing half done in the engine: the words were handled
    # once, when the action server was back, and the conversation goes on from there.
    # This GET hands the saved words to the engine and waits for its answer, like a turn:
    # the same patience as the chat client's, not httpx's default of five seconds.
    chat.last = httpx.get(
        f"{stack.api_url}/api/conversations/{chat.conversation_id}", timeout=60.0
    ).json()
    assert chat.asked() == "household.members"
    assert user_texts(stack.database_url, chat.conversation_id).count(WORDS) == 1
    chat.say("ik woon alleen")
    chat.answer_until("finished", name=NAME, phone=PHONE)
    reference = chat.last["state"]["reference"]
    summary = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert problems(summary) == []
    assert WORDS in [q for d in summary["domains"] for q in d.get("quotes", [])] or (
        WORDS in str(summary)
    )


def test_two_messages_at_once_are_handled_in_the_order_they_were_stored(
    chat: Chat, stack: Stack
) -> None:
    chat.start()
    conversation = chat.conversation_id
    first, second = "ja", "ik heb schulden"
    answers: dict[str, httpx.Response] = {}
    ready = threading.Barrier(2)

    def send(text: str) -> None:
        with httpx.Client(base_url=stack.api_url, timeout=60) as client:
            ready.wait()
            answers[text] = client.post(
                f"/api/conversations/{conversation}/messages", json={"text": text}
            )

    threads = [threading.Thread(target=send, args=(text,)) for text in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {response.status_code for response in answers.values()} == {200}

    history = httpx.get(f"{stack.api_url}/api/conversations/{conversation}").json()
    stored = [m["text"] for m in history["messages"] if m["from"] == "resident"]
    assert sorted(stored) == sorted([first, second])
    # The engine saw them exactly once each, in the order the API stored them.
    assert user_texts(stack.database_url, conversation)[-2:] == stored

    # Each request got the replies to its own message, and nobody else's. "ja" answers
    # the consent question whichever came first (a stray "ik heb schulden" there is
    # only not understood); when "ja" came first, the other answers the open question.
    def asked(text: str) -> list[str]:
        return [
            m["expects"]["question"] for m in answers[text].json()["messages"] if "expects" in m
        ]

    assert asked(first)[-1] == "request.open"
    if stored == [first, second]:
        assert asked(second)[-1] == "household.members"
        assert "request.open" not in asked(second)


def test_the_engine_stores_the_conversation_encrypted(chat: Chat, stack: Stack) -> None:
    chat.start()
    chat.click("yes")
    chat.say(WORDS)
    events = raw_events(stack.database_url, chat.conversation_id)
    assert len(events) > 5
    for event in events:
        assert event["data"].startswith("gAAAAA"), event["type_name"]
        assert "schuld" not in event["data"]
        assert event["intent_name"] is None
    assert WORDS in user_texts(stack.database_url, chat.conversation_id)


def test_no_service_log_holds_what_residents_typed(
    stack: Stack, log_start: dict[Path, int]
) -> None:
    # Runs after the conversations above (same module, in order).
    written = ""
    for path in OUTPUT.glob("*.log"):
        with path.open("rb") as log:
            log.seek(log_start.get(path, 0))
            written += log.read().decode("utf-8", errors="replace")
    assert written, "the services wrote no log lines at all"
    digits = PHONE.replace(" ", "")
    for secret in (WORDS, "4300 euro", NAME, "Zwartkruis", PHONE, digits, "uitkering is gestopt"):
        assert secret not in written, f"{secret!r} found in a service log"
