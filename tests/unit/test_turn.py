"""The intake's turn logic, without Rasa: state and message in, envelopes and state out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from actions.intake import flow
from actions.intake.envelopes import choose_payload
from actions.intake.state import Answer, IntakeState
from actions.intake.summary import build_summary
from actions.intake.turn import Outcome, after_handoff, handle
from actions.intake.understand import Incoming
from content.loader import load_bank

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # a Monday afternoon
BANK = load_bank()


class Conversation:
    """Drives `handle` the way the Rasa adapter does, keeping the state between turns."""

    def __init__(self, language: str = "nl") -> None:
        self.state = IntakeState(language=language)
        self.outcome: Outcome = handle(BANK, self.state, Incoming("/start", "start", 1.0), NOW)
        self.turns = 0

    def say(self, text: str, intent: str | None = None, confidence: float = 0.0) -> Outcome:
        self.turns += 1
        self.outcome = handle(BANK, self.state, Incoming(text, intent, confidence), NOW)
        return self.outcome

    def click(self, option: str, question: str | None = None) -> Outcome:
        payload = choose_payload(question or self.state.current or "", option)
        return self.say(payload, "choose", 1.0)

    @property
    def keys(self) -> list[str]:
        return [e["key"] for e in self.outcome.envelopes]

    @property
    def asked(self) -> str | None:
        asks = [e for e in self.outcome.envelopes if "expects" in e]
        return asks[-1]["expects"]["question"] if asks else None

    def answer_until(self, question: str) -> None:
        for _ in range(60):
            if self.asked == question:
                return
            current = self.state.current
            q = BANK.question(current)
            if current == "contact.name":
                self.say("Kim", "inform", 0.9)
            elif current == "contact.phone":
                self.say("0611122233", "inform", 0.9)
            elif q.options and not q.dynamic_options:
                calm = next(o for o in ("good", "no", "none", "phone", "morning") if o in q.options)
                self.click(calm)
            else:
                self.say("weet ik niet", "dont_know", 0.95)
        raise AssertionError(f"{question} never asked")


def opened(story: str = "tja", household: str = "ik woon alleen") -> Conversation:
    c = Conversation()
    c.click("yes")
    c.say(story, "inform", 0.9)
    c.say(household, "inform", 0.9)
    return c


def test_start_welcomes_and_asks_consent_first() -> None:
    c = Conversation()
    assert c.keys == ["intake.welcome", "consent.share"]
    consent = c.outcome.envelopes[1]
    assert consent["expects"] == {
        "question": "consent.share",
        "type": "yes_no",
        "options": ["yes", "no", "more", "language"],
    }
    assert [b["option"] for b in consent["buttons"]] == ["yes", "no", "more", "language"]


def test_consent_then_the_story_then_the_household() -> None:
    c = Conversation()
    c.click("yes")
    assert c.asked == "request.open"
    assert c.state.consent_at == NOW.isoformat(timespec="seconds")
    c.say("we hebben veel schulden", "inform", 0.9)
    assert c.asked == "household.members"
    c.say("ik, mijn vriend en onze zoon van 13", "inform", 0.9)
    assert [(m["role"], m["age"]) for m in c.state.household] == [
        ("self", None),
        ("partner", None),
        ("child", 13),
    ]
    # The domain the resident named comes first.
    assert c.asked == "debts.screen"


def test_without_a_signal_the_stability_core_comes_first() -> None:
    c = opened()
    assert c.asked == "safety.screen"
    order = [f"{k}.screen" for k in flow.CORE_DOMAINS]
    assert flow.planned(BANK, c.state)[3:7] == order


def test_children_in_the_household_bring_the_parenting_question() -> None:
    c = opened(household="ik en mijn dochter van 4")
    assert "parenting.screen" in flow.planned(BANK, c.state)
    assert "parenting.screen" not in flow.planned(BANK, opened().state)


def test_a_problem_brings_related_domains_and_follow_ups_come_after_screening() -> None:
    c = opened("ik heb geen inkomen")
    assert c.asked == "income.screen"
    c.click("bad")
    plan = flow.planned(BANK, c.state)
    assert "work_daytime.screen" in plan and "debts.screen" in plan
    screens = [i for i, q in enumerate(plan) if q.endswith(".screen")]
    assert plan.index("income.source") > max(screens)  # broad before deep


def test_no_question_about_children_for_someone_living_alone() -> None:
    c = opened("ik voel me niet veilig thuis")
    c.click("bad")  # safety: related domains include parenting, but there are no children
    assert "parenting.screen" not in flow.planned(BANK, c.state)
    assert "mental_health.screen" in flow.planned(BANK, c.state)


def test_follow_ups_only_for_a_concern_or_a_problem() -> None:
    c = opened("schulden")
    c.click("good")
    assert "debts.amount" not in flow.planned(BANK, c.state)


def test_a_simple_question_with_nothing_else_is_short() -> None:
    c = opened("ik wil een traplift")
    c.answer_until("confirm.summary")
    assert c.turns + 1 <= 20


def test_a_whole_intake_reaches_the_read_back_and_the_handoff() -> None:
    c = opened("mijn huur is te laat")
    assert c.asked == "housing.screen"
    c.click("bad")
    c.answer_until("housing.eviction")
    c.say("op 3 december moeten we eruit", "inform", 0.9)
    c.answer_until("confirm.summary")
    assert c.keys == ["intake.readback", "confirm.summary"]
    lines = c.outcome.envelopes[0]["vars"]["readback"]
    labels = [line["vars"]["label"]["key"] for line in lines]
    assert labels[:3] == ["request.open.label", "household.members.label", "readback.group.bad"]
    assert lines[2]["vars"]["value"][0] == {"key": "housing.screen.label"}
    assert "contact.phone.label" in labels and "callback.moment.label" in labels
    assert c.state.value("contact.phone") == "+31611122233"
    assert c.state.callback == {"date": "2026-11-24", "part_of_day": "morning"}
    c.click("yes")
    assert c.outcome.handoff is True
    envelopes = after_handoff(BANK, c.state, "VD-2026-000001")
    assert envelopes[0] == {"key": "intake.confirmed", "vars": {"reference": "VD-2026-000001"}}
    assert envelopes[1]["key"] == "intake.callback_at"
    c.say("hallo?", "greet", 0.9)
    assert c.keys == ["intake.finished"]


def test_a_failed_handoff_keeps_the_question_so_yes_tries_again() -> None:
    c = opened()
    c.answer_until("confirm.summary")
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


def at(question: str) -> Conversation:
    c = opened()
    c.state.current = question
    c.state.asked.append(question)
    return c


@pytest.mark.parametrize(
    ("question", "text", "intent", "status"),
    [
        ("debts.screen", "nee geen schulden", None, "good"),
        ("debts.screen", "nog niet", None, "good"),
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
        ("housing.screen", "ik weet niet of ik de huur kan betalen", "inform", "so_so"),
        # A fact in a few words is a concern: the follow-ups ask the rest.
        ("physical_health.screen", "ik heb reuma", "inform", "so_so"),
        ("debts.screen", "schuld bij cjib", "inform", "so_so"),
    ],
)
def test_typed_words_answer_a_screening_question(
    question: str, text: str, intent: str | None, status: str
) -> None:
    c = at(question)
    c.say(text, intent, 0.9 if intent else 0.0)
    assert c.state.value(question) == status
    assert c.state.answers[question].text == text


def _progress(c: Conversation) -> dict:
    told = c.outcome.envelopes[0]
    assert told["key"] in ("intake.progress", "intake.progress_almost")
    return told


def test_how_many_questions_are_left_is_told_and_the_question_comes_back() -> None:
    c = opened()
    c.say("hoeveel vragen nog?", "more_info", 0.8)
    first = _progress(c)
    assert first["key"] == "intake.progress"
    assert c.keys[1:] == ["safety.screen"]
    assert "safety.screen" not in c.state.answers
    # One answer later there is one question fewer.
    c.click("good")
    c.say("duurt het nog lang", "more_info", 0.9)
    assert _progress(c)["vars"]["count"] == first["vars"]["count"] - 1


def test_near_the_end_progress_says_almost_done_without_a_number() -> None:
    c = opened()
    c.answer_until("callback.moment")
    c.say("hoe lang duurt dit nog", "ask_why", 0.5)
    assert _progress(c) == {"key": "intake.progress_almost"}
    assert c.asked == "callback.moment"


def test_progress_in_another_language_at_a_button_question() -> None:
    c = opened()
    c.say("how many more questions", None, 0.0)
    assert _progress(c)["key"] == "intake.progress"


def test_an_answer_that_mentions_being_almost_done_is_an_answer() -> None:
    c = at("work_daytime.screen")
    c.say("ik ben bijna klaar met school", "inform", 0.8)
    assert c.state.value("work_daytime.screen") == "so_so"
    assert c.state.answers["work_daytime.screen"].text == "ik ben bijna klaar met school"


def test_a_wish_about_time_is_an_answer_not_a_progress_question() -> None:
    c = at("request.wish")
    c.say("ik wil weten hoe lang het duurt", "inform", 0.8)
    assert c.state.value("request.wish") == "ik wil weten hoe lang het duurt"


def test_why_explains_and_asks_again() -> None:
    c = at("request.wish")
    c.say("waarom wil je dat weten", "ask_why", 0.93)
    assert c.keys == ["request.wish.why", "request.wish"]


def test_a_long_message_is_an_answer_even_if_the_model_guesses_otherwise() -> None:
    c = at("request.wish")
    c.say("waarom is alles zo duur, ik kan de huur en het eten niet meer betalen", "ask_why", 0.8)
    assert c.state.value("request.wish").startswith("waarom is alles")


def test_simpler_wording_on_request() -> None:
    c = at("request.wish")
    c.say("ik snap het niet", "simpler", 0.9)
    assert c.outcome.envelopes[-1]["simple"] is True
    assert c.asked == "request.wish"


def test_skip_and_dont_know_are_noted_and_the_intake_goes_on() -> None:
    c = opened()
    c.say("sla over", "skip", 0.9)
    assert c.state.answers["safety.screen"].status == "skipped"
    assert c.keys == ["intake.skipped", "income.screen"]
    c.say("weet ik niet", "dont_know", 0.9)
    assert c.state.answers["income.screen"].status == "unknown"


def test_consent_cannot_be_skipped() -> None:
    c = Conversation()
    c.say("sla over", "skip", 0.95)
    assert c.keys == ["intake.cannot_skip", "consent.share"]


def test_back_reopens_the_previous_question() -> None:
    c = opened()
    c.click("bad")
    assert c.asked == "income.screen"
    c.say("terug", "go_back", 0.95)
    assert c.asked == "safety.screen"
    assert "safety.screen" not in c.state.answers
    c.click("so_so")
    assert c.asked == "income.screen"
    assert c.state.value("safety.screen") == "so_so"


def test_a_steering_word_alone_is_taken_when_the_model_agrees_but_is_unsure() -> None:
    c = opened()
    c.click("bad")
    c.say("terug", "go_back", 0.6)
    assert c.asked == "safety.screen"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ik wil terug naar mijn oude huis", "go_back"),  # more than the word itself
        ("terug", "inform"),  # the word alone, but the model thinks of something else
    ],
)
def test_an_unsure_guess_without_its_steering_word_is_no_step_back(text: str, intent: str) -> None:
    c = opened()
    c.click("bad")
    c.say(text, intent, 0.6)
    assert c.asked != "safety.screen"
    assert c.state.value("safety.screen") == "bad"


def test_dat_klopt_niet_at_the_read_back_lets_one_part_be_changed() -> None:
    c = opened()
    c.answer_until("confirm.summary")
    c.say("dat klopt niet", "correct", 0.95)
    assert c.asked == "confirm.change"
    options = c.outcome.envelopes[-1]["expects"]["options"]
    assert "contact.name" in options and "consent.share" not in options
    c.click("contact.name")
    assert c.asked == "contact.name"
    c.say("Ron", "inform", 0.8)
    assert c.asked == "confirm.summary"
    assert c.state.value("contact.name") == "Ron"
    assert c.state.value("safety.screen") == "good"  # the rest is kept


def test_no_at_the_read_back_asks_what_to_change() -> None:
    c = opened()
    c.answer_until("confirm.summary")
    c.click("no")
    assert c.asked == "confirm.change"
    assert c.outcome.handoff is False


def test_an_old_button_changes_that_earlier_answer() -> None:
    c = opened()
    c.click("good")
    c.click("so_so", "safety.screen")
    assert c.state.value("safety.screen") == "so_so"
    assert c.keys == ["intake.changed", "income.screen"]


def test_an_unreadable_phone_number_is_asked_again() -> None:
    c = opened()
    c.answer_until("contact.phone")
    c.say("12345", "inform", 0.9)
    assert c.keys == ["intake.phone_not_understood", "contact.phone"]
    assert "contact.phone" not in c.state.answers


def test_unclear_answers_rephrase_then_move_on_instead_of_looping() -> None:
    c = opened()
    c.say("blabla", "nlu_fallback", 0.2)
    assert c.keys == ["intake.not_understood", "safety.screen"]
    assert c.outcome.envelopes[-1].get("simple") is True
    c.say("qwerty", "nlu_fallback", 0.2)
    assert c.state.answers["safety.screen"].status == "unknown"
    assert c.state.answers["safety.screen"].text == "qwerty"
    assert c.asked == "income.screen"


def test_a_few_words_the_model_is_unsure_of_are_asked_again() -> None:
    c = at("physical_health.screen")
    c.say("ik heb reuma", "inform", 0.4)
    assert c.keys == ["intake.not_understood", "physical_health.screen"]
    assert "physical_health.screen" not in c.state.answers


def test_a_button_for_an_option_the_question_lacks_is_asked_again() -> None:
    # A stale or forged payload is not a resident telling: nothing is recorded.
    c = at("income.screen")
    c.say(choose_payload("income.screen", "maybe"), "choose", 1.0)
    assert c.keys == ["intake.not_understood", "income.screen"]
    assert "income.screen" not in c.state.answers


@pytest.mark.parametrize(
    ("text", "intent", "key"),
    [
        ("hoi", "greet", "intake.greet_back"),
        ("dank je", "thanks", "intake.you_are_welcome"),
        ("stomme computer", "insult", "intake.calm_redirect"),
        ("wat voor weer wordt het", "out_of_scope", "intake.off_topic"),
        ("ik wil een mens spreken", "human", "intake.human"),
    ],
)
def test_small_talk_is_answered_and_the_question_comes_back(
    text: str, intent: str, key: str
) -> None:
    c = at("request.wish")
    c.say(text, intent, 0.95)
    assert c.keys == [key, "request.wish"]


@pytest.mark.parametrize("intent", ["ask_why", "greet", "pause", "insult"])
def test_a_name_is_a_name_whatever_the_model_guesses(intent: str) -> None:
    # Found end to end: the NLU read "Judith" as "waarom?" and the bot explained forever.
    c = at("contact.name")
    c.say("Judith", intent, 0.99)
    assert c.state.value("contact.name") == "Judith"
    assert c.asked != "contact.name"
    assert not any(key.endswith(".why") for key in c.keys)


def test_pause_asks_the_api_for_a_resume_code() -> None:
    c = at("request.wish")
    c.say("ik moet nu weg", "pause", 0.95)
    assert c.outcome.envelopes == [{"key": "intake.paused", "fill": ["resume_code"]}]
    assert c.state.current == "request.wish"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("ggz, dat stopt nu", ["ggz"]),
        ("bijstand en huurtoeslag", ["bijstand", "toeslagen"]),
        ("nee", ["none"]),
        ("een bewindvoerder", ["bewindvoering"]),
    ],
)
def test_current_support_is_read_from_words(text: str, kinds: list[str]) -> None:
    c = at("support.current")
    c.say(text, "inform", 0.9)
    assert c.state.value("support.current") == kinds


def test_danger_is_answered_at_once_and_carried_to_the_summary() -> None:
    c = Conversation()
    c.click("yes")
    c.say("ik heb zoveel schulden ik zie het niet meer zitten", "inform", 0.9)
    assert c.keys[:2] == ["crisis.suicide", "crisis.marked_urgent"]
    assert c.asked == "crisis.safe_now"
    c.click("yes")
    c.click("yes")
    assert c.asked == "household.members"  # the intake goes on, kindly
    c.answer_until("confirm.summary")
    summary = build_summary(BANK, c.state)
    assert summary["urgency"]["level"] == "acute"
    assert summary["safety"]["signals"][0]["type"] == "suicide"
    assert any("0800-0113" in line for line in summary["safety"]["signposted"])


def test_threats_to_existence_make_the_intake_high() -> None:
    c = opened("ze willen het gas afsluiten en we moeten uit ons huis")
    types = [s["type"] for s in c.state.signals]
    assert types == ["utilities_cutoff", "eviction"] or set(types) == {
        "utilities_cutoff",
        "eviction",
    }
    assert build_summary(BANK, c.state)["urgency"]["level"] == "high"


def test_email_only_for_email_and_interpreter_only_in_another_language() -> None:
    c = opened()
    c.answer_until("contact.channel")
    c.click("email")
    assert c.asked == "contact.email"
    c.say("kim@voorbeeld.nl", "inform", 0.9)
    assert c.state.value("contact.email") == "kim@voorbeeld.nl"
    assert "contact.interpreter" not in flow.planned(BANK, c.state)
    other = Conversation(language="pl")
    assert "contact.interpreter" in flow.planned(BANK, other.state)


def test_most_important_offers_the_flagged_domains() -> None:
    c = opened("schulden en huur")
    c.click("bad")
    c.click("bad")
    c.answer_until("request.most_important")
    options = c.outcome.envelopes[-1]["expects"]["options"]
    assert options[:2] == ["debts", "housing"]
    c.say("de huur eerst", "inform", 0.9)
    assert c.state.value("request.most_important") == "housing"


def test_a_household_answer_is_kept_in_the_state_slots() -> None:
    c = opened(household="ik met mijn zoon van 11 en dochter van 14")
    restored = IntakeState.from_slots(
        {"intake_meta": c.state.meta(), "q_household__members": Answer("answered", "x").as_slot()},
        {"household.members": "q_household__members"},
    )
    assert [m["age"] for m in restored.household] == [None, 11, 14]
