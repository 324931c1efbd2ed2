"""The intake's turn logic, without Rasa: state and message in, envelopes and state out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from actions.intake.envelopes import choose_payload
from actions.intake.state import IntakeState
from actions.intake.turn import Outcome, after_handoff, handle
from actions.intake.understand import Incoming
from content.loader import load_bank

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
BANK = load_bank()


class Conversation:
    """Drives `handle` the way the Rasa adapter does, keeping the state between turns."""

    def __init__(self) -> None:
        self.state = IntakeState()
        self.outcome: Outcome = handle(BANK, self.state, Incoming("/start", "start", 1.0), NOW)

    def say(self, text: str, intent: str | None = None, confidence: float = 0.0) -> Outcome:
        self.outcome = handle(BANK, self.state, Incoming(text, intent, confidence), NOW)
        return self.outcome

    def click(self, option: str, question: str | None = None) -> Outcome:
        payload = choose_payload(question or self.state.current or "", option)
        return self.say(payload, "choose", 1.0)

    @property
    @property
    def keys(self) -> list[str]:
        return [e["key"] for e in self.outcome.envelopes]

    @property
    def asked(self) -> str | None:
        asks = [e for e in self.outcome.envelopes if "expects" in e]
        return asks[-1]["expects"]["question"] if asks else None


def to_open_question() -> Conversation:
    c = Conversation()
    c.click("yes")
    return c


def test_start_welcomes_and_asks_consent_first() -> None:
    c = Conversation()
    assert c.keys == ["intake.welcome", "consent.share"]
    consent = c.outcome.envelopes[1]
    assert consent["expects"] == {
        "question": "consent.share",
        "type": "yes_no",
        "options": ["yes", "no", "more"],
    }
    assert [b["option"] for b in consent["buttons"]] == ["yes", "no", "more"]


def test_consent_then_the_open_question_then_the_signalled_domain() -> None:
    c = to_open_question()
    assert c.asked == "request.open"
    assert c.state.consent_at == NOW.isoformat(timespec="seconds")
    c.say("we hebben veel schulden", "inform", 0.9)
    assert c.asked == "debts.screen"
    assert c.state.cues[0] == "debts"


def test_without_a_signal_the_default_domain_is_asked() -> None:
    c = to_open_question()
    c.say("tja", "inform", 0.4)
    assert c.asked == "income.screen"


def test_a_whole_short_intake_reaches_the_read_back_and_the_handoff() -> None:
    c = to_open_question()
    c.say("mijn huur is te laat", "inform", 0.9)
    assert c.asked == "housing.screen"
    c.click("bad")
    assert c.asked == "contact.name"
    c.say("Kim Hermans", "inform", 0.8)
    c.say("06 98765432", "inform", 0.8)
    assert c.keys == ["intake.readback", "confirm.summary"]
    lines = c.outcome.envelopes[0]["vars"]["readback"]
    labels = [line["vars"]["label"]["key"] for line in lines]
    assert labels == [
        "request.open.label",
        "housing.screen.label",
        "contact.name.label",
        "contact.phone.label",
    ]
    assert c.state.value("contact.phone") == "+31698765432"
    c.click("yes")
    assert c.outcome.handoff is True
    envelopes = after_handoff(BANK, c.state, "VD-2026-000001")
    assert envelopes[0] == {"key": "intake.confirmed", "vars": {"reference": "VD-2026-000001"}}
    c.say("hallo?", "greet", 0.9)
    assert c.keys == ["intake.finished"]


def test_a_failed_handoff_keeps_the_question_so_yes_tries_again() -> None:
    c = to_open_question()
    for text in ("schulden", "Ron", "0611122233"):
        c.say(text, "inform", 0.8)
    c.click("bad", "debts.screen")
    c.click("yes")
    assert [e["key"] for e in after_handoff(BANK, c.state, None)] == ["intake.handoff_failed"]
    assert c.state.current == "confirm.summary"
    c.say("ja", "affirm", 0.95)
    assert c.outcome.handoff is True


@pytest.mark.parametrize(
    ("text", "intent", "value"),
    [
        ("ja", "affirm", "yes"),
        ("jaa", None, "yes"),
        ("ja hoor", None, "yes"),
        ("klopt", None, "yes"),
        ("ja dat is goed", None, "yes"),
        ("nee", "deny", "no"),
        ("nee hoor", None, "no"),
        ("neej", None, "no"),
    ],
)
def test_typed_yes_and_no_answer_consent(text: str, intent: str | None, value: str) -> None:
    c = Conversation()
    c.say(text, intent, 0.9 if intent else 0.0)
    if value == "yes":
        assert c.asked == "request.open"
    else:
        assert c.keys == ["consent.declined"]
        assert c.state.consent_at is None
        assert "consent.share" not in c.state.answers


@pytest.mark.parametrize(
    ("question", "text", "intent", "status"),
    [
        ("debts.screen", "nee geen schulden", None, "good"),
        ("debts.screen", "ja veel", None, "bad"),
        ("income.screen", "gaat wel", None, "so_so"),
        ("income.screen", "het gaat wel", None, "so_so"),
        ("income.screen", "slecht", None, "bad"),
        ("income.screen", "niet goed", None, "bad"),
        ("income.screen", "prima", None, "good"),
        ("income.screen", "slegt", None, "bad"),
        ("income.screen", "matig", "answer_so_so", "so_so"),
        ("safety.screen", "ja ik ben veilig", None, "good"),
        ("safety.screen", "nee", "deny", "bad"),
    ],
)
def test_typed_words_answer_a_screening_question(
    question: str, text: str, intent: str | None, status: str
) -> None:
    c = to_open_question()
    c.state.cues = [question.split(".")[0]]
    c.say("iets", "inform", 0.9)
    assert c.asked == question
    c.say(text, intent, 0.9 if intent else 0.0)
    assert c.state.value(question) == status
    assert c.state.answers[question].text == text


def test_why_explains_and_asks_again() -> None:
    c = to_open_question()
    c.say("waarom wil je dat weten", "ask_why", 0.93)
    assert c.keys == ["request.open.why", "request.open"]


def test_a_long_message_is_an_answer_even_if_the_model_guesses_otherwise() -> None:
    c = to_open_question()
    c.say("waarom is alles zo duur, ik kan de huur en het eten niet meer betalen", "ask_why", 0.8)
    assert c.state.value("request.open").startswith("waarom is alles")


def test_simpler_wording_on_request() -> None:
    c = to_open_question()
    c.say("ik snap het niet", "simpler", 0.9)
    assert c.outcome.envelopes[-1]["simple"] is True
    assert c.asked == "request.open"


def test_skip_and_dont_know_are_noted_and_the_intake_goes_on() -> None:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.say("sla over", "skip", 0.9)
    assert c.state.answers["debts.screen"].status == "skipped"
    assert c.keys == ["intake.skipped", "contact.name"]
    c.say("weet ik niet", "dont_know", 0.9)
    assert c.state.answers["contact.name"].status == "unknown"


def test_consent_cannot_be_skipped() -> None:
    c = Conversation()
    c.say("sla over", "skip", 0.95)
    assert c.keys == ["intake.cannot_skip", "consent.share"]


def test_back_reopens_the_previous_question() -> None:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.click("bad")
    assert c.asked == "contact.name"
    c.say("terug", "go_back", 0.95)
    assert c.asked == "debts.screen"
    assert "debts.screen" not in c.state.answers
    c.click("so_so")
    assert c.asked == "contact.name"
    assert c.state.value("debts.screen") == "so_so"


def to_read_back() -> Conversation:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.click("bad")
    c.say("Rob", "inform", 0.8)
    c.say("0611122233", "inform", 0.8)
    assert c.asked == "confirm.summary"
    return c


def test_dat_klopt_niet_at_the_read_back_lets_one_part_be_changed() -> None:
    c = to_read_back()
    c.say("dat klopt niet", "correct", 0.95)
    assert c.asked == "confirm.change"
    options = c.outcome.envelopes[-1]["expects"]["options"]
    assert options == ["request.open", "debts.screen", "contact.name", "contact.phone"]
    c.click("contact.name")
    assert c.asked == "contact.name"
    c.say("Ron", "inform", 0.8)
    assert c.asked == "confirm.summary"
    assert c.state.value("contact.name") == "Ron"
    assert c.state.value("debts.screen") == "bad"  # the rest is kept


def test_no_at_the_read_back_asks_what_to_change() -> None:
    c = to_read_back()
    c.click("no")
    assert c.asked == "confirm.change"
    assert c.outcome.handoff is False


def test_an_old_button_changes_that_earlier_answer() -> None:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.click("bad")
    c.click("so_so", "debts.screen")
    assert c.state.value("debts.screen") == "so_so"
    assert c.keys == ["intake.changed", "contact.name"]


def test_an_unreadable_phone_number_is_asked_again() -> None:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.click("bad")
    c.say("Ron", "inform", 0.9)
    c.say("12345", "inform", 0.9)
    assert c.keys == ["intake.phone_not_understood", "contact.phone"]
    assert "contact.phone" not in c.state.answers


def test_unclear_answers_rephrase_then_move_on_instead_of_looping() -> None:
    c = to_open_question()
    c.say("schulden", "inform", 0.9)
    c.say("blablabla", "nlu_fallback", 0.2)
    assert c.keys == ["intake.not_understood", "debts.screen"]
    assert c.outcome.envelopes[-1].get("simple") is True
    c.say("qwerty", "nlu_fallback", 0.2)
    assert c.state.answers["debts.screen"].status == "unknown"
    assert c.state.answers["debts.screen"].text == "qwerty"
    assert c.asked == "contact.name"


@pytest.mark.parametrize(
    ("intent", "key"),
    [
        ("greet", "intake.greet_back"),
        ("thanks", "intake.you_are_welcome"),
        ("insult", "intake.calm_redirect"),
        ("out_of_scope", "intake.off_topic"),
        ("human", "intake.human"),
    ],
)
def test_small_talk_is_answered_and_the_question_comes_back(intent: str, key: str) -> None:
    c = to_open_question()
    c.say("hoi", intent, 0.95)
    assert c.keys == [key, "request.open"]


def test_pause_asks_the_api_for_a_resume_code() -> None:
    c = to_open_question()
    c.say("ik moet nu weg", "pause", 0.95)
    assert c.outcome.envelopes == [{"key": "intake.paused", "fill": ["resume_code"]}]
    assert c.state.current == "request.open"
