"""Danger and threats to existence: noticed on every turn, answered at once, carried over."""

from __future__ import annotations

import pytest

from actions.intake import flow
from actions.intake.summary import build_summary
from actions.intake.understand import SIGNAL_CONFIDENCE
from api.summary_schema import problems
from tests.unit.test_turn import Conversation, opened


def filed(summary: dict) -> dict:
    # What the API adds when it files the intake.
    return {
        **summary,
        "reference": "VD-2026-000042",
        "created_at": "2026-11-23T10:00:00+00:00",
        "channel": "web",
        "language": "nl",
        "assisted_by": None,
    }


def test_danger_first_asks_if_the_resident_is_safe_then_if_they_want_to_go_on() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik wil er niet meer zijn", "inform", 0.9)
    assert c.keys == ["crisis.suicide", "crisis.marked_urgent", "crisis.safe_now"]
    c.click("yes")
    assert c.keys == ["crisis.glad_safe", "crisis.go_on"]
    c.click("yes")
    assert c.keys[0] == "crisis.going_on"
    # The open answer was kept; the intake goes on where it was, with mental health first.
    assert c.asked == "household.members"
    c.say("ik woon alleen", "inform", 0.9)
    assert c.asked == "mental_health.screen"


def test_not_safe_now_gets_112_and_is_the_first_reason_staff_read() -> None:
    c = Conversation()
    c.click("yes")
    c.say("mijn man slaat me", "inform", 0.9)
    c.say("nee", "deny", 0.95)
    assert c.keys == ["crisis.not_safe", "crisis.go_on"]
    summary = build_summary(flow_bank(), c.state)
    assert summary["urgency"]["level"] == "acute"
    assert summary["urgency"]["reasons"][0] == "Zegt nu niet veilig te zijn"
    assert {"type": "violence", "quote": "mijn man slaat me"} in summary["safety"]["signals"]
    assert "Veilig Thuis 0800-2000" in summary["safety"]["signposted"]


def test_dont_know_is_never_blocked() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik zie het niet meer zitten", "inform", 0.9)
    c.say("weet ik niet", "dont_know", 0.95)
    assert c.keys == ["crisis.unsure_safe", "crisis.go_on"]
    c.say("weet ik niet", "dont_know", 0.95)
    assert c.keys[0] == "crisis.going_on"
    assert c.asked == "household.members"


def test_only_a_callback_when_the_resident_does_not_want_to_go_on() -> None:
    c = Conversation()
    c.click("yes")
    c.say("hij slaat me en ik ben bang", "inform", 0.9)
    c.click("yes")
    c.click("no")
    assert c.keys == ["crisis.only_call", "contact.name"]
    c.say("Kim", "inform", 0.9)
    c.say("0611122233", "inform", 0.9)
    assert c.asked == "confirm.summary"
    summary = build_summary(flow_bank(), c.state)
    assert summary["contact"]["phone"] == "+31611122233"
    assert summary["open_questions"][0].startswith("Wilde na de hulpnummers niet verder")
    assert summary["urgency"]["level"] == "acute"
    assert problems(filed(summary)) == []


def test_asking_for_a_person_at_go_on_means_only_a_callback() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik wil dood", "inform", 0.9)
    c.click("yes")
    c.say("ik wil een mens spreken", "human", 0.95)
    assert c.keys[0] == "crisis.only_call"
    assert flow.only_call(c.state)


def test_the_model_layer_catches_what_the_phrases_miss() -> None:
    c = opened()
    c.say("iedereen is beter af zonder mij", "danger_suicide", 0.93)
    assert c.keys[0] == "crisis.suicide"
    assert [s["type"] for s in c.state.signals] == ["suicide"]


@pytest.mark.parametrize(
    ("text", "intent", "confidence"),
    [
        ("ik ben een beetje moe", "danger_suicide", 0.3),
        # The bar is high because the model alone links "afgesloten" or "geen zin meer"
        # to danger; just under it the phrase layer decides alone.
        ("mijn telefoon is afgesloten", "threat_cutoff", SIGNAL_CONFIDENCE - 0.02),
    ],
)
def test_a_model_guess_under_the_bar_alone_is_not_a_signal(
    text: str, intent: str, confidence: float
) -> None:
    c = opened()
    c.say(text, intent, confidence)
    assert c.state.signals == []
    assert not any(key.startswith("crisis.") for key in c.keys)


def test_danger_that_answers_nothing_never_gets_not_understood() -> None:
    c = opened("ik heb schulden")
    screen = c.asked
    assert screen == "debts.screen"
    c.say("hij slaat me", "danger_violence", 0.9)
    assert "intake.not_understood" not in c.keys
    assert c.keys[:2] == ["crisis.violence", "crisis.marked_urgent"]
    assert c.asked == "crisis.safe_now"
    c.click("yes")
    c.click("yes")
    # Back to where we were: that question was not answered by the danger.
    assert c.asked == screen


def test_danger_at_its_own_domain_answers_the_screening() -> None:
    c = opened("ik ben somber")
    assert c.asked == "mental_health.screen"
    c.say("ik wil er een eind aan maken", "inform", 0.6)
    assert c.state.value("mental_health.screen") == "bad"
    assert c.state.answers["mental_health.screen"].text == "ik wil er een eind aan maken"


def test_a_threat_to_existence_says_what_happens_and_how_fast_without_asking_if_safe() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ze sluiten het gas af", "inform", 0.9)
    assert c.keys == ["crisis.utilities_cutoff", "crisis.marked_priority", "crisis.go_on"]
    c.click("yes")
    summary = build_summary(flow_bank(), c.state)
    assert summary["urgency"]["level"] == "high"


def test_a_bailiff_is_high_and_reaches_staff_as_other_with_the_words() -> None:
    c = opened("de deurwaarder heeft beslag gelegd op mijn loon")
    summary = build_summary(flow_bank(), c.state)
    assert summary["urgency"]["level"] == "high"
    assert "Deurwaarder of beslag" in summary["urgency"]["reasons"]
    assert {"type": "other", "quote": "de deurwaarder heeft beslag gelegd op mijn loon"} in (
        summary["safety"]["signals"]
    )


def test_no_income_raises_urgency_quietly() -> None:
    c = opened("ik heb geen inkomen")
    assert not any(key.startswith("crisis.") for key in c.keys)
    assert c.asked == "income.screen"
    assert build_summary(flow_bank(), c.state)["urgency"]["level"] == "high"


def test_each_kind_of_danger_is_answered_once() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik wil dood", "inform", 0.9)
    c.click("yes")
    c.click("yes")
    c.say("ik wil echt niet meer leven", "inform", 0.9)
    assert "crisis.suicide" not in c.keys
    assert c.asked != "crisis.safe_now"


def test_new_danger_after_a_threat_still_asks_if_safe() -> None:
    c = Conversation()
    c.click("yes")
    c.say("we moeten uit ons huis", "inform", 0.9)
    c.click("yes")  # go on
    c.say("en mijn vriend slaat me", "inform", 0.9)
    assert c.keys[:2] == ["crisis.violence", "crisis.marked_urgent"]
    assert c.asked == "crisis.safe_now"


def test_a_button_is_never_read_for_danger() -> None:
    c = opened()
    c.click("bad")
    assert c.state.signals == []


def test_danger_before_consent_is_answered_and_consent_is_still_asked() -> None:
    c = Conversation()
    c.say("ik wil niet meer leven", "danger_suicide", 0.95)
    assert c.keys[0] == "crisis.suicide"
    c.click("yes")
    c.click("yes")
    assert c.asked == "consent.share"


def test_crisis_questions_are_not_read_back() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik wil dood", "inform", 0.9)
    c.click("yes")
    c.click("no")
    c.say("Kim", "inform", 0.9)
    c.say("0611122233", "inform", 0.9)
    readback = next(e for e in c.outcome.envelopes if e["key"] == "intake.readback")
    labels = [line["vars"]["label"]["key"] for line in readback["vars"]["readback"]]
    assert "crisis.safe_now.label" not in labels and "crisis.go_on.label" not in labels
    assert "contact.phone.label" in labels


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hij slaat de kinderen", "child_safety"),
        ("we staan vannacht op straat", "homeless_tonight"),
        ("mijn moeder is bewusteloos", "medical_emergency"),
        ("we hebben niks te eten", "no_food"),
    ],
)
def test_every_kind_has_its_own_crisis_message(text: str, kind: str) -> None:
    c = opened()
    c.say(text, "inform", 0.9)
    assert c.keys[0] == f"crisis.{kind}"


def flow_bank():  # the bank the conversation uses
    from tests.unit.test_turn import BANK

    return BANK


def test_not_safe_now_in_the_safety_domain_is_acute_too() -> None:
    c = opened()
    assert c.asked == "safety.screen"
    c.click("bad")
    c.answer_until("safety.now")
    c.click("no")
    summary = build_summary(flow_bank(), c.state)
    assert summary["urgency"]["level"] == "acute"
    assert summary["urgency"]["reasons"][0] == "Zegt nu niet veilig te zijn"


def test_safe_now_is_never_asked_twice() -> None:
    c = Conversation()
    c.click("yes")
    c.say("mijn man slaat me", "inform", 0.9)
    c.click("yes")
    c.click("yes")
    c.say("ik woon met mijn man", "inform", 0.9)
    c.click("bad")  # safety, asked first
    assert "safety.now" not in flow.planned(flow_bank(), c.state)


@pytest.mark.parametrize("words", ["ik weet het niet", "weet ik het niet", "ik weet t niet"])
def test_i_dont_know_is_never_a_no(words: str) -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik wil dood", "inform", 0.9)
    c.say(words, "inform", 0.5)
    assert c.keys[0] == "crisis.unsure_safe"
