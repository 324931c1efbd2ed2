"""An intake through the public chat API ends in a valid intake in the front office."""

from __future__ import annotations

import re

import httpx
import pytest

from api.summary_schema import problems
from tests.support.chat import Chat
from tests.support.services import Stack

pytestmark = pytest.mark.e2e


def open_intake(chat: Chat, opening: str = "ik heb schulden en mijn huur is te laat") -> None:
    first = chat.start()
    assert first["state"] == {"finished": False, "reference": None, "language": "nl"}
    assert chat.keys[0] == "intake.welcome"
    assert chat.asked() == "consent.share"
    chat.click("yes")
    assert chat.asked() == "request.open"
    chat.say(opening)
    assert chat.asked() == "household.members"
    chat.say("ik woon alleen")


def test_health_reports_every_service_up(stack: Stack) -> None:
    body = httpx.get(f"{stack.api_url}/api/health").json()
    assert body == {"status": "ok", "database": "up", "rasa": "up", "actions": "up"}


def test_an_intake_is_filed_and_readable_by_the_front_office(
    chat: Chat, stack: Stack, staff_token: str
) -> None:
    open_intake(chat)
    # The domain named first in the open question is asked first.
    assert chat.asked() == "debts.screen"
    question = chat.question()
    titles = [b["title"] for b in question["buttons"]]
    assert titles == ["Nee, geen schulden", "Een beetje", "Ja, veel schulden", "Sla over"]
    assert question["expects"]["options"] == ["good", "so_so", "bad", "skip"]
    chat.click("bad")
    assert chat.asked() == "housing.screen"
    chat.answer_until("debts.amount")
    chat.say("ongeveer 3000 euro")
    chat.answer_until("confirm.summary")
    readback = chat.last["messages"][0]["text"]
    assert "Kim Hermans" in readback and "Niet goed: Schulden" in readback
    chat.click("yes")

    state = chat.last["state"]
    assert state["finished"] is True
    assert re.fullmatch(r"VD-\d{4}-\d{6}", state["reference"])
    assert state["reference"] in chat.last["messages"][0]["text"]

    response = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{state['reference']}",
        headers={"Authorization": f"Bearer {staff_token}"},
    )
    assert response.status_code == 200
    summary = response.json()
    assert problems(summary) == []
    assert summary["reference"] == state["reference"]
    assert summary["channel"] == "web" and summary["language"] == "nl"
    assert summary["contact"]["name"] == "Kim Hermans"
    assert summary["contact"]["phone"] == "+31698765432"
    assert summary["contact"]["callback"]["part_of_day"] == "morning"
    assert summary["household"]["members"] == [{"role": "self", "age": None, "note": None}]
    debts = next(d for d in summary["domains"] if d["key"] == "debts")
    assert debts["status"] == "problem" and debts["pillar"] == "bestaanszekerheid"
    assert debts["facts"]["amount"] == 3000
    assert "ik heb schulden en mijn huur is te laat" in debts["quotes"]
    assert "schuldhulp" in summary["triage"]["suggested_teams"]
    assert summary["consent"]["share_with_frontoffice"] is True

    listing = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert state["reference"] in [s["reference"] for s in listing["intakes"]]


def test_a_finished_conversation_answers_politely_and_files_nothing_twice(
    chat: Chat, stack: Stack, staff_token: str
) -> None:
    open_intake(chat, "ik heb geen geld meer")
    chat.answer_until("finished")
    reference = chat.last["state"]["reference"]
    assert reference

    chat.say("ja")
    assert chat.keys == ["intake.finished"]
    assert chat.last["state"] == {"finished": True, "reference": reference, "language": "nl"}
    assert reference in chat.last["messages"][0]["text"]

    headers = {"Authorization": f"Bearer {staff_token}"}
    listing = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes?limit=500", headers=headers
    ).json()
    assert [s["reference"] for s in listing["intakes"]].count(reference) == 1


def test_typed_answers_and_steering_words_work_like_buttons(chat: Chat) -> None:
    chat.start()
    chat.say("jaa")
    assert chat.asked() == "request.open", f"'jaa' was not understood as yes: {chat.keys}"
    chat.say("mijn huis is veel te koud")
    chat.say("alleen ik")
    assert chat.asked() == "housing.screen"
    chat.say("waarom vraag je dat")
    assert chat.keys[0] == "housing.screen.why"
    assert chat.asked() == "housing.screen"
    chat.say("slecht")
    assert chat.asked() == "safety.screen"
    chat.say("terug")
    assert chat.asked() == "housing.screen"
    chat.say("gaat wel")
    assert chat.asked() == "safety.screen"
    chat.say("ja hoor")
    assert chat.asked() == "income.screen"


def test_the_transcript_and_resume_code_bring_a_resident_back(chat: Chat, stack: Stack) -> None:
    open_intake(chat, "mijn huis is te koud")
    asked = chat.asked()
    code = httpx.post(
        f"{stack.api_url}/api/conversations/{chat.conversation_id}/resume-code"
    ).json()["code"]
    assert re.fullmatch(r"[A-Z0-9]{8}", code)

    spaced = " ".join([code[:4].lower(), code[4:]])  # typed as a resident would
    resumed = httpx.post(f"{stack.api_url}/api/conversations/resume", json={"code": spaced})
    assert resumed.status_code == 200
    body = resumed.json()
    assert body["conversation_id"] == chat.conversation_id
    assert body["last_question"]["expects"]["question"] == asked

    history = httpx.get(f"{stack.api_url}/api/conversations/{chat.conversation_id}").json()
    said = [m["text"] for m in history["messages"] if m["from"] == "resident"]
    assert said == ["Ja", "mijn huis is te koud", "ik woon alleen"]
    assert history["state"]["finished"] is False


def test_pause_gives_a_resume_code_in_the_reply(chat: Chat, stack: Stack) -> None:
    open_intake(chat)
    chat.say("ik moet nu weg, later verder")
    assert chat.keys == ["intake.paused"]
    code = chat.last["messages"][0]["text"].split("code is ")[1].split(".")[0]
    resumed = httpx.post(f"{stack.api_url}/api/conversations/resume", json={"code": code})
    assert resumed.json()["conversation_id"] == chat.conversation_id


def test_a_conversation_in_another_language_is_offered_an_interpreter(chat: Chat) -> None:
    # The language travels from the API to the action server with every message.
    chat.start(language="pl")
    chat.click("yes")
    chat.say("mam długi")
    chat.say("ik woon alleen")
    chat.answer_until("contact.interpreter")
    assert chat.asked() == "contact.interpreter"
