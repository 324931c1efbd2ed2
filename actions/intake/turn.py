"""One turn of the intake: read the message against the question on the table, decide what to say.

Pure: state and message in, envelopes and new state out. The rasa_sdk adapter stores
the state in slots; the handoff (an HTTP call) is the adapter's job too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from actions.intake import callback, flow, language
from actions.intake.envelopes import ask, say
from actions.intake.extract.cues import domain_cues
from actions.intake.extract.dates import parse_date
from actions.intake.extract.email import find_email
from actions.intake.extract.household import parse_household
from actions.intake.extract.numbers import parse_amount
from actions.intake.extract.phone import normalise_phone
from actions.intake.extract.phrases import keys as phrase_keys
from actions.intake.readback import readback_lines, readback_questions
from actions.intake.state import Answer, IntakeState
from actions.intake.understand import (
    ANSWER_CONFIDENCE,
    READS_WORDS,
    Incoming,
    interpret,
    signal_kinds,
)
from content.loader import Bank, Question, load_triage

CONSENT = "consent.share"
CHOOSE_LANGUAGE = "language.choose"
SUGGEST_LANGUAGE = "language.suggest"
CONFIRM = "confirm.summary"
CHANGE = "confirm.change"
KEEP_OUT = "confirm.keep_out"
# Free text in these answers may name life domains the resident has not mentioned yet.
STORY_QUESTIONS = ("request.open", "request.anything_else")
# Answers that usually carry a date worth extracting (an eviction, a court date).
DATED = {"housing.eviction"}
# A message this long is information, even when it answers no button.
TELLING_WORDS = 4
# After this many answers we could not read, the question is noted as unknown and we move on:
# rephrasing forever would trap the resident.
MAX_MISSES = 2
# With this few questions left the resident hears "bijna klaar" rather than a number.
ALMOST_DONE = 3


@dataclass
class Outcome:
    state: IntakeState
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    # Question ids whose answers changed this turn (their slots must be set).
    changed: set[str] = field(default_factory=set)
    # The resident confirmed: the adapter hands the intake off, then calls `after_handoff`.
    handoff: bool = False

    def say(self, key: str, **variables: Any) -> None:
        self.envelopes.append(say(key, **variables))


def handle(bank: Bank, state: IntakeState, message: Incoming, now: datetime) -> Outcome:
    state.turns += 1
    out = Outcome(state)
    if state.reference:
        out.say("intake.finished", reference=state.reference)
        return out
    if state.current is None:
        out.say("intake.welcome")
        _ask_next(bank, out)
        return out

    noticed = _notice_threats(state, message, out)
    wanted = None if message.is_payload or noticed else language.asked_for(message.text)
    if wanted and wanted != state.language:
        # "english please", "po polsku": at any moment, then the same question again.
        _switch_language(out, wanted)
        _reask(bank, out)
        return out
    question = bank.question(state.current)
    meaning = interpret(message, question)
    if meaning.question:
        _answer_earlier(bank, out, meaning.question, meaning.value)
        return out

    kind = meaning.kind
    if noticed and (kind != "answer" or _chosen_in_passing(question)):
        _after_danger(bank, out, question, message, noticed)
    elif question.id in (flow.SAFE_NOW, flow.GO_ON) and kind in ("skip", "unknown", "human"):
        _crisis_answer(bank, out, question, kind, message)
    elif kind == "answer":
        _accept(bank, out, question, meaning.value, message, now)
    elif kind == "why" or (kind == "more" and question.id != CONSENT):
        out.say(f"{question.id}.why")
        _reask(bank, out)
    elif kind == "more":
        out.say("consent.more")
        _reask(bank, out)
    elif kind == "progress":
        _tell_progress(bank, out)
        _reask(bank, out)
    elif kind == "simpler":
        _reask(bank, out, simple=True)
    elif kind == "repeat":
        _reask(bank, out)
    elif kind in ("skip", "unknown"):
        _skip(bank, out, question, kind, message)
    elif kind == "back" or (kind == "correct" and question.id != CONFIRM):
        _go_back(bank, out)
    elif kind == "correct":
        _ask_what_to_change(bank, out)
    elif kind == "pause":
        # The API fills in the resume code: codes are its business, not the engine's.
        out.envelopes.append({**say("intake.paused"), "fill": ["resume_code"]})
    elif kind == "human":
        _offer_a_person(out, now)
        _reask(bank, out)
    else:
        _small_talk_or_unclear(bank, out, question, kind, message)
    _offer_language(bank, out, message, noticed)
    return out


def _switch_language(out: Outcome, code: str) -> None:
    """The API renders from this envelope on in `code` and keeps it for the conversation."""
    out.state.language = code
    out.envelopes.append({**say("language.changed"), "set_language": code, "language": code})


def _offer_language(bank: Bank, out: Outcome, message: Incoming, noticed: list[str]) -> None:
    """The first story written in another language we speak: offer that language, once,
    in that language. The story itself is kept as written; the offer replaces the next
    question, which is asked (in the chosen language) once the resident answered."""
    state = out.state
    # After words of danger the safety questions come first; a quiet threat (no income)
    # shows no message, so it does not stand in the way.
    alarming = set(noticed) - set(load_triage().quiet_threats)
    if (
        state.language_offered
        or message.is_payload
        or alarming
        or state.current not in flow.planned(bank, state)
    ):
        return
    found = language.detect(message.text)
    if found is None or found == state.language:
        return
    state.language_offered = True
    state.suggested_language = found
    while out.envelopes and "expects" in out.envelopes[-1]:
        out.envelopes.pop()
    state.current = SUGGEST_LANGUAGE
    state.asked.append(SUGGEST_LANGUAGE)
    out.envelopes.append({**ask(bank, SUGGEST_LANGUAGE), "language": found})


def after_handoff(bank: Bank, state: IntakeState, reference: str | None) -> list[dict[str, Any]]:
    """What to say once the handoff was tried: the reference, or that we will try again."""
    if reference is None:
        return [say("intake.handoff_failed")]
    state.reference = reference
    state.current = None
    confirmed = say("intake.confirmed", reference=reference)
    if state.callback is None:
        return [confirmed, say("intake.callback_soon")]
    when = say(
        "intake.callback_at",
        date={"date": state.callback["date"]},
        part={"key": f"callback.part.{state.callback['part_of_day']}"},
    )
    return [confirmed, when]


# Helplines each crisis message shows, as the summary names them (threats to existence
# point to the municipality itself, whose number every crisis text carries).
SIGNPOSTS = {
    "suicide": ["113 Zelfmoordpreventie 0800-0113", "112"],
    "violence": ["Veilig Thuis 0800-2000", "112"],
    "child_safety": ["Veilig Thuis 0800-2000", "112"],
    "homeless_tonight": ["gemeente", "112"],
    "medical_emergency": ["112", "huisarts of huisartsenpost"],
}


def _offer_a_person(out: Outcome, now: datetime) -> None:
    """During office hours: call now, or finish and be called back. After: a callback."""
    if callback.is_office_hours(now):
        out.say("intake.human")
        return
    moment = callback.plan("first_possible", None, now)
    out.say("intake.human_closed", date={"date": moment.day.isoformat()})


def _notice_threats(state: IntakeState, message: Incoming, out: Outcome) -> list[str]:
    """Every message is read for danger and for threats to existence, whatever question is
    on the table. Each new one is answered at once, before anything else, with help in
    plain words; its life domain is asked about first. Returns the new kinds."""
    triage = load_triage()
    known = {signal["type"] for signal in state.signals}
    was_acute = bool(known & set(triage.acute_threats))
    new = [kind for kind in dict.fromkeys(signal_kinds(message)) if kind not in known]
    for kind in new:
        state.signals.append({"type": kind, "quote": message.text.strip()})
        if kind in triage.quiet_threats:
            continue
        out.say(f"crisis.{kind}")
        for line in SIGNPOSTS.get(kind, []):
            if line not in state.signposted:
                state.signposted.append(line)
        domain = triage.signal_domains.get(kind)
        if domain and domain not in state.cues:
            state.cues.append(domain)
    if any(kind in triage.acute_threats for kind in new):
        out.say("crisis.marked_urgent")
    elif set(new) - set(triage.quiet_threats) and not was_acute:
        out.say("crisis.marked_priority")
    return new


def _after_danger(
    bank: Bank, out: Outcome, question: Question, message: Incoming, kinds: list[str]
) -> None:
    """Danger in words that answer nothing on the table. Never "I did not understand":
    the safety questions come first, then the question on the table is asked again. A
    screening question about the danger's own life domain is answered by it."""
    domains = {load_triage().signal_domains.get(kind) for kind in kinds}
    if question.id.endswith(".screen") and question.id.split(".")[0] in domains:
        _record(out, question.id, Answer("answered", "bad", _words(message)))
    _ask_next(bank, out)


def _chosen_in_passing(question: Question) -> bool:
    """A "niet" inside words of danger is no answer to a choice on the table ("ik wil niet
    meer leven" must not decline consent); the safety questions themselves are answered."""
    return question.type in ("choice", "yes_no") and question.id not in (
        flow.SAFE_NOW,
        flow.GO_ON,
    )


def _crisis_answer(
    bank: Bank, out: Outcome, question: Question, kind: str, message: Incoming
) -> None:
    """ "Weet ik niet" to "Bent u veilig?" gets the numbers again; to "Wilt u verder?" it
    means going on gently (never block), and asking for a person means only a callback."""
    if question.id == flow.SAFE_NOW:
        _record(out, question.id, Answer("unknown", text=_words(message)))
        out.say("crisis.unsure_safe")
    elif kind == "human":
        _record(out, question.id, Answer("answered", "no", _words(message)))
        out.say("crisis.only_call")
    else:
        _record(out, question.id, Answer("answered", "yes", _words(message)))
        out.say("crisis.going_on")
    _ask_next(bank, out)


def _small_talk_or_unclear(
    bank: Bank, out: Outcome, question: Question, kind: str, message: Incoming
) -> None:
    replies = {
        "greet": "intake.greet_back",
        "thanks": "intake.you_are_welcome",
        "insult": "intake.calm_redirect",
        "off_topic": "intake.off_topic",
    }
    if kind in replies:
        out.say(replies[kind])
        _reask(bank, out)
        return
    if kind == "unclear" and question.skippable and _tells(message):
        # A resident who tells, rather than clicks, has told us something: a screening
        # answer in many words, or a fact ("ik heb reuma"), is at least a concern; the
        # words go to the front office and the follow-ups ask the rest.
        if question.id.endswith(".screen"):
            _record(out, question.id, Answer("answered", "so_so", _words(message)))
        else:
            _record(out, question.id, Answer("unknown", text=_words(message)))
        _ask_next(bank, out)
        return
    out.state.misses += 1
    if out.state.misses >= MAX_MISSES and question.skippable:
        # Keep their words for the front office and move on, kindly.
        _record(out, question.id, Answer("unknown", text=_words(message)))
        out.say("intake.moving_on")
        _ask_next(bank, out)
        return
    out.say("intake.not_understood")
    _reask(bank, out, simple=True)


def _tells(message: Incoming) -> bool:
    """Many words, or a few the model reads as a fact rather than as chatter or noise."""
    if message.is_payload:
        return False
    stated = message.intent == "inform" and message.confidence >= ANSWER_CONFIDENCE
    return len(message.words) >= TELLING_WORDS or stated


def _words(message: Incoming) -> str | None:
    return None if message.is_payload else message.text.strip()


def _record(out: Outcome, question_id: str, answer: Answer) -> None:
    out.state.answers[question_id] = answer
    out.state.misses = 0
    out.changed.add(question_id)


def _accept(
    bank: Bank, out: Outcome, question: Question, value: Any, message: Incoming, now: datetime
) -> None:
    state = out.state
    qid = question.id
    if (
        question.type in ("choice", "yes_no")
        and not question.dynamic_options
        and qid not in READS_WORDS
        and value not in question.options
    ):
        _small_talk_or_unclear(bank, out, question, "unclear", message)
        return
    if qid == CONSENT and value == "language":
        _ask(bank, out, CHOOSE_LANGUAGE)
        return
    if qid == CHOOSE_LANGUAGE:
        if value != state.language:
            _switch_language(out, value)
        _ask_next(bank, out)
        return
    if qid == SUGGEST_LANGUAGE:
        if value == "yes" and state.suggested_language:
            _switch_language(out, state.suggested_language)
        state.suggested_language = None
        _ask_next(bank, out)
        return
    if qid == CONSENT:
        if value == "more":
            out.say("consent.more")
            _reask(bank, out)
            return
        if value == "no":
            # Nothing is kept without consent; the resident hears the other ways in, and
            # the API drops whatever words it stored for this conversation.
            out.envelopes.append({**say("consent.declined"), "withhold": "all"})
            return
        state.consent_at = now.isoformat(timespec="seconds")
    if qid == flow.SAFE_NOW:
        _record(out, qid, Answer("answered", value, _words(message)))
        out.say("crisis.glad_safe" if value == "yes" else "crisis.not_safe")
        _ask_next(bank, out)
        return
    if qid == flow.GO_ON:
        _record(out, qid, Answer("answered", value, _words(message)))
        out.say("crisis.going_on" if value == "yes" else "crisis.only_call")
        _ask_next(bank, out)
        return
    if qid == CONFIRM:
        if value == "yes":
            out.handoff = True
        elif value == "keep_out":
            _ask_what_to_keep_out(bank, out)
        else:
            _ask_what_to_change(bank, out)
        return
    if qid == CHANGE:
        _change(bank, out, value)
        return
    if qid == KEEP_OUT:
        _keep_out(bank, out, value, message)
        return
    answer = _read(bank, out, question, value, message, now)
    if answer is None:
        return
    _record(out, qid, answer)
    if qid in STORY_QUESTIONS:
        for key in domain_cues(str(value)):
            if key not in state.cues:
                state.cues.append(key)
    if qid == "household.members":
        state.household = [vars(member) for member in parse_household(str(value))]
    _ask_next(bank, out)


def _read(
    bank: Bank, out: Outcome, question: Question, value: Any, message: Incoming, now: datetime
) -> Answer | None:
    """The answer as the summary needs it; None when it must be asked again."""
    words = _words(message)
    qid = question.id
    if question.type == "phone":
        phone = normalise_phone(str(value))
        if phone is None:
            return _again(bank, out, "intake.phone_not_understood")
        return Answer("answered", phone, words)
    if question.type == "email":
        email = find_email(str(value))
        if email is None:
            return _again(bank, out, "intake.email_not_understood")
        return Answer("answered", email, words)
    if question.type == "number":
        amount = parse_amount(str(value))
        return (
            Answer("answered", amount, words)
            if amount is not None
            else Answer("unknown", text=words)
        )
    if qid == "support.current":
        chosen = value if isinstance(value, list) else [value] if message.is_payload else None
        if chosen is None:
            chosen = phrase_keys("support", str(value)) or (
                ["other"] if len(message.words) >= 2 else []
            )
        chosen = [c for c in chosen if c in question.options]
        if not chosen:
            _small_talk_or_unclear(bank, out, question, "unclear", message)
            return None
        kinds = [c for c in chosen if c != "none"] or ["none"]
        return Answer("answered", kinds, words)
    if qid == "request.most_important":
        flagged = out.state.flagged()
        chosen = (
            value
            if message.is_payload
            else next((key for key in domain_cues(str(value)) if key in flagged), None)
        )
        if chosen not in flagged:
            return Answer("unknown", text=words)
        return Answer("answered", chosen, words)
    if qid in DATED:
        # "de deurwaarder komt op 3 december": the date, for the front office's planning.
        day = parse_date(str(value), callback.local_now(now).date())
        return Answer("answered", day.isoformat() if day else value, words)
    if qid == "callback.moment":
        option = value if message.is_payload else None
        moment = callback.plan(option, None if message.is_payload else str(value), now)
        out.state.callback = moment.as_summary()
        return Answer("answered", moment.as_summary(), words)
    return Answer("answered", value, words)


def _tell_progress(bank: Bank, out: Outcome) -> None:
    """How many questions are left, this one included. Follow-ups that earlier answers
    have not yet called for are not counted, hence "ongeveer"."""
    left = len(flow.remaining(bank, out.state))
    if left <= ALMOST_DONE:
        out.say("intake.progress_almost")
    else:
        out.say("intake.progress", count=left)


def _again(bank: Bank, out: Outcome, key: str) -> None:
    out.state.misses += 1
    out.say(key)
    _reask(bank, out)
    return None


def _skip(bank: Bank, out: Outcome, question: Question, kind: str, message: Incoming) -> None:
    if not question.skippable:
        out.say("intake.cannot_skip")
        _reask(bank, out)
        return
    _record(
        out, question.id, Answer("skipped" if kind == "skip" else "unknown", text=_words(message))
    )
    out.say("intake.skipped" if kind == "skip" else "intake.noted_unknown")
    _ask_next(bank, out)


def _answer_earlier(bank: Bank, out: Outcome, question_id: str, value: Any) -> None:
    """A button of an earlier question was clicked: that answer changes, then we go on."""
    earlier = bank.questions().get(question_id)
    if earlier and question_id in out.state.answers and value in earlier.options:
        _record(out, question_id, Answer("answered", value))
        out.say("intake.changed")
    _reask(bank, out)


def _go_back(bank: Bank, out: Outcome) -> None:
    state = out.state
    previous = flow.previous_question(state)
    if previous is None or previous == CONSENT:
        _reask(bank, out)
        return
    state.answers.pop(previous, None)
    out.changed.add(previous)
    state.asked = state.asked[: state.asked.index(previous)]
    _ask(bank, out, previous)


def _ask_what_to_change(bank: Bank, out: Outcome) -> None:
    options = readback_questions(out.state)
    out.state.current = CHANGE
    out.envelopes.append(ask(bank, CHANGE, options=options))


def shareable_domains(bank: Bank, state: IntakeState) -> list[str]:
    """Life domains the resident told something about, in the order asked."""
    found = [qid.split(".")[0] for qid in state.asked if qid in state.answers]
    return [key for key in dict.fromkeys(found) if key in bank.domains]


def _ask_what_to_keep_out(bank: Bank, out: Outcome) -> None:
    options = shareable_domains(bank, out.state)
    if not options:
        _ask(bank, out, CONFIRM)
        return
    out.state.current = KEEP_OUT
    out.envelopes.append(ask(bank, KEEP_OUT, options=options))


def _keep_out(bank: Bank, out: Outcome, value: Any, message: Incoming) -> None:
    """The resident keeps a life domain out: its answers are dropped from the state (so
    from the summary), and the API withholds the words from the stored transcript."""
    state = out.state
    options = shareable_domains(bank, state)
    key = (
        value
        if message.is_payload
        else next((k for k in domain_cues(str(value)) if k in options), None)
    )
    if key not in options:
        _ask_what_to_keep_out(bank, out)
        return
    for qid in [q for q in state.answers if q.startswith(f"{key}.")]:
        state.answers.pop(qid)
        out.changed.add(qid)
    state.asked = [q for q in state.asked if not q.startswith(f"{key}.")]
    state.not_to_share.append(key)
    out.say("confirm.kept_out", domain={"key": f"domain.{key}.label"})
    _ask(bank, out, CONFIRM)


def _change(bank: Bank, out: Outcome, question_id: Any) -> None:
    state = out.state
    if question_id not in readback_questions(state):
        _ask_what_to_change(bank, out)
        return
    state.answers.pop(question_id, None)
    out.changed.add(question_id)
    _ask(bank, out, question_id)


def _reask(bank: Bank, out: Outcome, simple: bool = False) -> None:
    current = out.state.current
    if current == CHANGE:
        _ask_what_to_change(bank, out)
    elif current == KEEP_OUT:
        _ask_what_to_keep_out(bank, out)
    elif current == CONFIRM:
        out.say("intake.readback", readback=readback_lines(bank, out.state))
        out.envelopes.append(ask(bank, CONFIRM, simple=simple))
    elif current == "request.most_important":
        out.envelopes.append(ask(bank, current, simple=simple, options=out.state.flagged()))
    elif current is not None:
        out.envelopes.append(ask(bank, current, simple=simple))


def _ask_next(bank: Bank, out: Outcome) -> None:
    next_id = flow.next_question(bank, out.state)
    if next_id is None:
        next_id = CONFIRM
    _ask(bank, out, next_id)


def _ask(bank: Bank, out: Outcome, question_id: str) -> None:
    state = out.state
    state.current = question_id
    state.misses = 0
    if question_id in state.asked:
        state.asked.remove(question_id)
    state.asked.append(question_id)
    _reask(bank, out)
