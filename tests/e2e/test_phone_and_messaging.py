"""The phone and messaging doors, as the telephony provider calls them: signed webhooks,
TwiML back. A whole intake by SMS, a call with silence and a callback offer, a resume
code carried from the web to SMS and to the phone."""

from __future__ import annotations

import asyncio
import re
import secrets

import httpx
import pytest
from sqlalchemy import select

from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation
from tests.e2e.conftest import PROVIDER_TOKEN
from tests.support.chat import Chat
from tests.support.provider import Provider, messages, said
from tests.support.services import Stack

pytestmark = pytest.mark.e2e
CALM = ("good", "no", "none", "phone", "morning")


@pytest.fixture
def provider(stack: Stack) -> Provider:
    return Provider(stack.api_url, PROVIDER_TOKEN)


def newest(database_url: str, channel: str) -> str:
    async def read() -> str:
        try:
            async with session_scope(database_url) as db:
                return await db.scalar(
                    select(Conversation.id)
                    .where(Conversation.channel == channel)
                    .order_by(Conversation.created_at.desc())
                    .limit(1)
                )
        finally:
            await get_async_engine(database_url).dispose()

    return asyncio.run(read())


def question(stack: Stack, conversation_id: str) -> dict | None:
    history = httpx.get(f"{stack.api_url}/api/conversations/{conversation_id}").json()
    return next((m for m in reversed(history["messages"]) if "expects" in m), None)


def test_a_bad_signature_is_refused(provider: Provider) -> None:
    params = {"From": "+31611111111", "Body": "hallo"}
    assert provider.post("/channels/messaging", params, signed=False).status_code == 403
    assert provider.post("/channels/voice", {"CallSid": "CA1"}, signed=False).status_code == 403


def test_a_whole_intake_by_sms_with_numbered_choices(provider: Provider, stack: Stack) -> None:
    sender = f"+3161{secrets.randbelow(10**7):07d}"
    first = messages(provider.twiml("/channels/messaging", {"From": sender, "Body": "hallo"}))
    text = "\n".join(first)
    assert "Welkom" in text and "1. Ja" in text and "Stuur het nummer" in text
    assert all(len(part) <= 640 for part in first)
    conversation_id = newest(stack.database_url, "sms")
    for _ in range(60):
        asked = question(stack, conversation_id)
        qid = asked["expects"]["question"]
        options = asked["expects"]["options"]
        if qid == "contact.name":
            body = "Kim"
        elif qid == "contact.phone":
            body = "06 12345678"
        elif qid == "request.open":
            body = "ik heb schulden"
        elif qid in ("consent.share", "confirm.summary"):
            body = "1"  # Ja
        elif options:
            calm = next((o for o in CALM if o in options), options[0])
            body = str(options.index(calm) + 1)
        else:
            body = "weet ik niet"
        reply = messages(provider.twiml("/channels/messaging", {"From": sender, "Body": body}))
        assert all(len(part) <= 640 for part in reply), reply
        if qid == "confirm.summary":
            break
    final = "\n".join(reply)
    reference = re.search(r"VD-\d{4}-\d{6}", final)
    assert reference, final
    history = httpx.get(f"{stack.api_url}/api/conversations/{conversation_id}").json()
    assert history["state"]["reference"] == reference.group(0)
    # The opening word is kept for staff, though it answered nothing.
    assert "hallo" in [m["text"] for m in history["messages"]]


def test_whatsapp_splits_long_messages_between_sentences(provider: Provider) -> None:
    sender = f"whatsapp:+3162{secrets.randbelow(10**7):07d}"
    provider.twiml("/channels/messaging", {"From": sender, "Body": "hoi"})
    provider.twiml("/channels/messaging", {"From": sender, "Body": "1"})
    long_story = " ".join(["Ik heb al lang schulden en de huur is te laat."] * 40)
    reply = messages(provider.twiml("/channels/messaging", {"From": sender, "Body": long_story}))
    assert reply and all(len(part) <= 1500 for part in reply)
    assert all(part.rstrip().endswith((".", "?", "!", ")")) for part in reply), reply


def test_a_call_speaks_dutch_reads_choices_with_numbers_and_repeats(provider: Provider) -> None:
    call = {"CallSid": f"CA{secrets.token_hex(8)}", "From": "+31455555555"}
    root = provider.twiml("/channels/voice", call)
    gather = root.find("Gather")
    assert gather is not None and gather.get("input") == "speech dtmf"
    assert all(say.get("language") == "nl-NL" for say in root.iter("Say"))
    texts = said(root)
    assert any("toets 1" in text for text in texts)
    root = provider.twiml("/channels/voice/answer", {**call, "Digits": "1"})
    assert any("Wat is er aan de hand" in text for text in said(root))
    again = provider.twiml("/channels/voice/answer", {**call, "SpeechResult": "herhaal"})
    assert any("Wat is er aan de hand" in text for text in said(again))
    # Numbers are spoken, never shown: no group of digits is left in what is said.
    for text in said(again):
        assert not re.search(r"\d{3}", text), text


def test_silence_is_asked_again_twice_then_a_callback_is_offered(provider: Provider) -> None:
    call = {"CallSid": f"CA{secrets.token_hex(8)}", "From": "+31455555556"}
    provider.twiml("/channels/voice", call)
    for _ in range(2):
        root = provider.twiml("/channels/voice/silence", call)
        assert said(root)[0].startswith("Ik hoorde niets")
    offer = provider.twiml("/channels/voice/silence", call)
    assert "terugbelt" in said(offer)[0]
    goodbye = provider.twiml("/channels/voice/callback", {**call, "Digits": "1"})
    texts = " ".join(said(goodbye))
    assert "belt u terug" in texts and "code" in texts
    assert goodbye.find("Hangup") is not None


def test_a_web_code_continues_by_sms_and_by_phone(provider: Provider, chat: Chat) -> None:
    chat.start()
    chat.click("yes")
    chat.say("ik heb schulden")
    asked_on_web = chat.asked()
    code = httpx.post(
        f"{chat.http.base_url}/api/conversations/{chat.conversation_id}/resume-code"
    ).json()["code"]

    sender = f"+3163{secrets.randbelow(10**7):07d}"
    reply = "\n".join(
        messages(provider.twiml("/channels/messaging", {"From": sender, "Body": code}))
    )
    assert reply.startswith("Welkom terug")
    # Nothing asked twice: the same question the web left open.
    web_question = chat.question()["text"]
    assert web_question in reply

    call = {"CallSid": f"CA{secrets.token_hex(8)}", "From": "+31455555557"}
    provider.twiml("/channels/voice", call)
    spoken_code = " ".join(code)
    root = provider.twiml("/channels/voice/answer", {**call, "SpeechResult": spoken_code})
    assert said(root)[0].startswith("Welkom terug")
    history = httpx.get(f"{chat.http.base_url}/api/conversations/{chat.conversation_id}").json()
    assert history["state"]["finished"] is False
    assert asked_on_web == "household.members"

    # And back: a pause by SMS gives a code that opens the same conversation on the web.
    paused = "\n".join(
        messages(provider.twiml("/channels/messaging", {"From": sender, "Body": "pauze"}))
    )
    sms_code = re.search(r"code is ([A-Z0-9]{8})", paused)
    assert sms_code, paused
    resumed = httpx.post(
        f"{chat.http.base_url}/api/conversations/resume", json={"code": sms_code.group(1)}
    ).json()
    assert resumed["conversation_id"] == chat.conversation_id
