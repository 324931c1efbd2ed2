"""The resident's own language: asked for, chosen at the start, offered after a story."""

from __future__ import annotations

import pytest

from actions.intake import language
from actions.intake.summary import build_summary
from actions.intake.understand import match_words
from tests.unit.test_turn import BANK, Conversation


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("english please", "en"),
        ("English", "en"),
        ("can we speak english?", "en"),
        ("po polsku", "pl"),
        ("Po polsku, proszę", "pl"),
        ("türkçe", "tr"),
        ("turkce lutfen", "tr"),
        ("بالعربية", "ar"),
        ("українською", "uk"),
        ("in het nederlands", "nl"),
        ("dutch please", "nl"),
    ],
)
def test_a_language_asked_for_by_name(text: str, code: str) -> None:
    assert language.asked_for(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "ik spreek slecht nederlands",
        "ik kan brieven in het nederlands niet goed lezen",
        "I can't read the letters in dutch very well at all",
        "ja",
        "mijn buurvrouw is pools en helpt mij",
        "",
    ],
)
def test_a_story_that_names_a_language_is_no_request(text: str) -> None:
    assert language.asked_for(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("mam długi i nie mogę zapłacić czynszu", "pl"),
        ("I have debts and I cannot pay the rent", "en"),
        ("Borçlarım var ve kirayı ödeyemiyorum", "tr"),
        ("لدي ديون ولا أستطيع دفع الإيجار", "ar"),
        ("У мене борги і я не можу платити оренду", "uk"),
        ("ik heb schulden en de huur is te laat", "nl"),
    ],
)
def test_the_language_of_a_story_is_recognised(text: str, code: str) -> None:
    assert language.detect(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "ok",  # too short to tell
        "ja graag dat is goed",  # Dutch, but we only offer other languages we speak
        "Ich habe Schulden und kann die Miete nicht zahlen",  # German: not offered
    ],
)
def test_no_other_language_is_offered_without_reason(text: str) -> None:
    assert language.detect(text) in (None, "nl")


def test_the_language_button_at_the_start_switches_and_asks_consent_again() -> None:
    chat = Conversation()
    assert "language" in BANK.question("consent.share").options
    chat.click("language")
    assert chat.asked == "language.choose"
    assert chat.outcome.envelopes[-1]["expects"]["options"] == ["nl", "en", "pl", "tr", "ar", "uk"]
    chat.click("pl")
    switched = chat.outcome.envelopes[0]
    assert switched["key"] == "language.changed"
    assert switched["set_language"] == "pl"
    assert chat.state.language == "pl"
    assert chat.asked == "consent.share"
    assert chat.state.consent_at is None  # choosing a language is no consent


def test_asking_for_a_language_mid_way_repeats_the_question_in_it() -> None:
    chat = Conversation()
    chat.click("yes")
    chat.say("ik heb schulden", "inform", 0.9)
    on_the_table = chat.asked
    chat.say("english please")
    assert chat.outcome.envelopes[0].get("set_language") == "en"
    assert chat.asked == on_the_table
    assert chat.state.language == "en"
    # Asking for the language already spoken changes nothing and is no answer either.
    chat.say("english")
    assert "language.changed" not in chat.keys


def test_a_story_in_another_language_gets_the_offer_in_that_language_once() -> None:
    chat = Conversation()
    chat.click("yes")
    story = "mam długi i nie mogę zapłacić czynszu za mieszkanie"
    chat.say(story)
    offer = chat.outcome.envelopes[-1]
    assert offer["key"] == "language.suggest"
    assert offer["language"] == "pl"
    # The story itself is kept, as written.
    assert chat.state.answers["request.open"].text == story
    chat.click("yes")
    assert chat.outcome.envelopes[0]["set_language"] == "pl"
    assert chat.asked == "household.members"
    # Never offered twice.
    chat.say("mieszkam sama z moim synem, on ma dziesięć lat")
    assert "language.suggest" not in chat.keys


def test_declining_the_offer_keeps_the_language_and_goes_on() -> None:
    chat = Conversation()
    chat.click("yes")
    chat.say("I have debts and I cannot pay the rent anymore")
    assert chat.asked == "language.suggest"
    chat.click("no")
    assert chat.state.language == "nl"
    assert "language.changed" not in chat.keys
    assert chat.asked == "household.members"


def test_a_dutch_story_gets_no_offer() -> None:
    chat = Conversation()
    chat.click("yes")
    chat.say("ik heb schulden en de huur is al twee maanden te laat")
    assert chat.asked == "household.members"
    assert not chat.state.language_offered


def test_danger_comes_before_any_offer_of_a_language() -> None:
    chat = Conversation()
    chat.click("yes")
    chat.say("I want to die, I cannot go on like this anymore")
    assert "language.suggest" not in chat.keys
    assert any(key.startswith("crisis.") for key in chat.keys)


def test_the_summary_keeps_the_words_in_their_language_and_says_which() -> None:
    chat = Conversation(language="en")
    chat.click("yes")
    chat.say("I have debts and I cannot pay the rent anymore")
    summary = build_summary(BANK, chat.state)
    debts = next(d for d in summary["domains"] if d["key"] == "debts")
    assert debts["quotes"] == ["I have debts and I cannot pay the rent anymore"]
    assert debts["quotes_language"] == "en"
    assert summary["request"]["language"] == "en"
    # Staff read Dutch: the plain summary per domain is not translated.
    assert debts["summary"].startswith("Schulden")


ALL_VALUES = ["yes", "no", "good", "so_so", "bad", "skip", "unknown"]


@pytest.mark.parametrize("text", ["weet", "weet ik veel", "trauma", "zorg", "handen", "over"])
def test_other_languages_words_do_not_bend_dutch_ones(text: str) -> None:
    # Typos are forgiven against the Dutch lists only: "weet" is no Turkish "evet".
    assert match_words(text, ALL_VALUES) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("evet", "yes"), ("tak", "yes"), ("так", "yes"), ("ні", "no"), ("slegt", "bad")],
)
def test_answers_in_each_language_are_understood(text: str, value: str) -> None:
    assert match_words(text, ALL_VALUES) == value
