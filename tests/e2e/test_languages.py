"""A whole intake in each of the other languages, through the public chat API.

Each language is reached another way a resident would: asked for at the start, chosen
with the language button, asked for by name, or offered after a first story written in
it. The resident reads every question in their language; staff read a Dutch summary
that validates, with the resident's words kept as written and marked with the language.
"""

from __future__ import annotations

import secrets

import httpx
import pytest

from api.render import Audience, text_for
from api.summary_schema import problems
from content.loader import load_bank, load_staff_texts
from tests.e2e.conftest import PROVIDER_TOKEN
from tests.support.chat import Chat
from tests.support.provider import Provider, said
from tests.support.services import Stack

pytestmark = pytest.mark.e2e

# language: (how it is reached, the first story, the household, "I don't know")
RESIDENTS = {
    "en": (
        "start",
        "I lost my job and I cannot pay the rent anymore, the debts keep growing",
        "me and my two kids, they are 6 and 9",
        "i don't know",
    ),
    "pl": (
        "button",
        "straciłam pracę i nie mogę zapłacić czynszu, mam coraz więcej długów",
        "mieszkam sama z córką, ma 12 lat",
        "nie wiem",
    ),
    "tr": (
        "story",
        "işimi kaybettim ve kirayı ödeyemiyorum, borçlarım gittikçe artıyor",
        "eşim ve iki çocuğumla yaşıyorum",
        "bilmiyorum",
    ),
    "ar": (
        "by name",
        "فقدت عملي ولا أستطيع دفع الإيجار، والديون تزداد كل شهر",
        "أعيش مع زوجي وثلاثة أطفال",
        "لا أعرف",
    ),
    "uk": (
        "start",
        "я втратила роботу і не можу платити за квартиру, борги ростуть",
        "я живу сама з сином, йому 10 років",
        "не знаю",
    ),
}
BY_NAME = {"ar": "بالعربية"}
BANK = load_bank()


def reach(chat: Chat, language: str, how: str, story: str) -> None:
    """From the start to the household question, in `language`."""
    if how == "start":
        chat.start(language=language)
        assert chat.question()["text"] == text_for("consent.share", Audience(language))
        chat.click("yes")
        chat.say(story)
    elif how == "button":
        chat.start()
        chat.click("language")
        assert chat.asked() == "language.choose"
        assert [b["title"] for b in chat.question()["buttons"]][2] == "Polski"
        chat.click(language)
        assert chat.keys[0] == "language.changed"
        assert chat.asked() == "consent.share"
        chat.click("yes")
        chat.say(story)
    elif how == "by name":
        chat.start()
        chat.say(BY_NAME[language])
        assert chat.keys[0] == "language.changed"
        assert chat.asked() == "consent.share"
        chat.click("yes")
        chat.say(story)
    else:  # the first story, written in the language, brings the offer in that language
        chat.start()
        chat.click("yes")
        chat.say(story)
        offer = chat.question()
        assert offer["key"] == "language.suggest"
        assert offer["language"] == language
        assert offer["text"] == text_for("language.suggest", Audience(language))
        chat.click("yes")
    assert chat.last["state"]["language"] == language
    assert chat.asked() == "household.members"


@pytest.mark.parametrize("language", list(RESIDENTS))
def test_a_whole_intake_in_the_residents_own_language(
    chat: Chat, stack: Stack, staff_token: str, language: str
) -> None:
    how, story, household, unknown = RESIDENTS[language]
    reach(chat, language, how, story)
    question = chat.question()
    assert question["text"] == text_for("household.members", Audience(language))
    assert question["text"] != text_for("household.members", Audience("nl"))
    assert question["direction"] == ("rtl" if language == "ar" else "ltr")
    before = len(chat.seen)
    chat.say(household)
    chat.answer_until("finished", name="Olena Kowalska", phone="06 12345678", unknown=unknown)
    assert chat.last["state"]["finished"]
    assert chat.turns <= 45
    # Every message from here on was in the resident's language, buttons included.
    rest = chat.seen[before:]
    assert len(rest) >= 12
    for message in rest:
        assert message["language"] == language, message["key"]
        if message["key"] in ("consent.share", "debts.screen", "callback.moment"):
            assert message["text"] == text_for(message["key"], Audience(language))
    reference = chat.last["state"]["reference"]

    summary = httpx.get(
        f"{stack.api_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {staff_token}"},
    ).json()
    assert problems(summary) == []
    assert summary["language"] == language
    # A conversation in another language is offered an interpreter.
    assert "needs_interpreter" in summary["contact"]
    # Staff read Dutch; the resident's words stay as written, marked with the language.
    flagged = [d for d in summary["domains"] if story in d.get("quotes", [])]
    assert flagged, "the first story is quoted in the domains it names"
    assert all(d["quotes_language"] == language for d in flagged)
    dutch_status = load_staff_texts()["domain_summary"].split("{status}")[1]
    assert all(dutch_status in d["summary"] for d in summary["domains"] if d["status"] != "unknown")
    assert summary["request"]["language"] == language


def test_a_caller_who_chooses_polish_hears_polish_with_the_polish_voice(stack: Stack) -> None:
    provider = Provider(stack.api_url, PROVIDER_TOKEN)
    call = {"CallSid": f"CA{secrets.token_hex(8)}", "From": "+31455555599"}
    first = provider.twiml("/channels/voice", call)
    assert all(say.get("language") == "nl-NL" for say in first.iter("Say"))
    options = BANK.question("consent.share").options
    chosen = provider.twiml(
        "/channels/voice/answer", {**call, "Digits": str(options.index("language") + 1)}
    )
    languages = BANK.question("language.choose").options
    polish = provider.twiml(
        "/channels/voice/answer", {**call, "Digits": str(languages.index("pl") + 1)}
    )
    assert chosen.find("Gather") is not None
    assert {say.get("language") for say in polish.iter("Say")} == {"pl-PL"}
    gather = polish.find("Gather")
    assert gather is not None and gather.get("language") == "pl-PL"
    spoken = " ".join(said(polish))
    assert text_for("language.changed", Audience("pl", channel="voice")) in spoken
