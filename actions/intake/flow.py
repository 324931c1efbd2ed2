"""Which question comes next: the adaptive order of the intake.

- Consent, then the open question ("Wat is er aan de hand?"), then the household.
- Life domains: the ones the resident signalled first, then the stability core (safety
  and the triangle income, debts, housing; seed 000, the K2 frame), parenting when
  there are children, and the domains related to any that show a concern or a problem
  (content/triage.yml, `related`).
- Broad before deep: all screening questions first, then the follow-ups of the domains
  that showed a concern or a problem.
- A household with one question gets a short intake; one with problems in several
  domains gets the broader questions (who helps, what matters most).
- Contact details, the callback moment and the read-back ("Klopt dit?") close it.
"""

from __future__ import annotations

from actions.intake.state import IntakeState
from content.loader import Bank, load_triage

OPENING = ["consent.share", "request.open", "household.members"]
# After danger or a threat to existence: safety first, then the resident chooses.
SAFE_NOW = "crisis.safe_now"
GO_ON = "crisis.go_on"
# "Nee, bel mij alleen": only what the front office needs to call back.
ONLY_CALL = ["consent.share", "contact.name", "contact.phone", "confirm.summary"]
CORE_DOMAINS = ["safety", "income", "debts", "housing"]
CLOSING = [
    "contact.name",
    "contact.phone",
    "contact.channel",
    "contact.email",
    "contact.interpreter",
    "callback.moment",
    "confirm.summary",
]
# Words that mean "nobody helps me" in support.network.
NOBODY = ("nee", "niemand", "geen", "niet", "nope", "weet ik niet")


def domains_to_screen(bank: Bank, state: IntakeState) -> list[str]:
    keys = [key for key in state.cues if key in bank.domains]
    keys += [key for key in CORE_DOMAINS if key not in keys]
    if state.has_children() and "parenting" not in keys:
        keys.append("parenting")
    related = load_triage().related

    def allowed(key: str) -> bool:
        # Parenting only where there are children: never ask someone living alone about theirs.
        return key != "parenting" or state.has_children() or key in state.cues

    keys = [key for key in keys if key not in state.not_to_share]

    # Related domains of every flagged one, as they become known (a fixed point).
    grown = True
    while grown:
        grown = False
        for key in list(keys):
            if state.status_of(key) in ("so_so", "bad"):
                for other in related.get(key, []):
                    if other not in keys and allowed(other) and other not in state.not_to_share:
                        keys.append(other)
                        grown = True
    return keys


def is_broad(state: IntakeState) -> bool:
    """Problems or concerns in several domains: the broad look (brede uitvraag)."""
    return len(state.flagged()) >= load_triage().multiple_from_domains


def crisis_questions(state: IntakeState) -> list[str]:
    """Asked before anything else once a crisis message was shown (turn.py)."""
    triage = load_triage()
    kinds = {signal["type"] for signal in state.signals} - set(triage.quiet_threats)
    if not kinds:
        return []
    order = [SAFE_NOW] if kinds & set(triage.ask_if_safe) else []
    return [*order, GO_ON]


def only_call(state: IntakeState) -> bool:
    return state.value(GO_ON) == "no"


def planned(bank: Bank, state: IntakeState) -> list[str]:
    if only_call(state):
        order = crisis_questions(state) + ONLY_CALL
        return [qid for qid in order if _applies(bank, state, qid)]
    domains = domains_to_screen(bank, state)
    order = crisis_questions(state) + list(OPENING)
    order += [f"{key}.screen" for key in domains]
    order += [q.id for key in domains for q in bank.domains[key].questions[1:]]
    order += ["request.anything_else", "support.current"]
    if is_broad(state):
        order += ["support.network", "support.someone_present"]
    order.append("request.wish")
    if len(state.flagged()) >= 2:
        order.append("request.most_important")
    order += CLOSING
    return [qid for qid in order if _applies(bank, state, qid)]


def _applies(bank: Bank, state: IntakeState, question_id: str) -> bool:
    """A follow-up is asked only when an earlier answer shows a concern or a problem."""
    question = bank.question(question_id)
    if not all(state.value(earlier) in values for earlier, values in question.ask_when.items()):
        return False
    if question_id == "safety.now" and SAFE_NOW in state.answers:
        return False  # just asked after the danger was noticed: never twice
    if question_id == "contact.interpreter":
        return state.language != "nl"
    if question_id == "support.someone_present":
        network = str(state.value("support.network") or "").strip().lower()
        return bool(network) and not network.startswith(NOBODY)
    return True


def remaining(bank: Bank, state: IntakeState) -> list[str]:
    """The planned questions not yet answered, the current one first."""
    return [qid for qid in planned(bank, state) if qid not in state.answers]


def next_question(bank: Bank, state: IntakeState) -> str | None:
    left = remaining(bank, state)
    return left[0] if left else None


def previous_question(state: IntakeState) -> str | None:
    """The question asked before the current one ("terug")."""
    asked = [qid for qid in state.asked if qid != state.current]
    return asked[-1] if asked else None
