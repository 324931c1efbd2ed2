"""Which question comes next.

The open question comes right after consent; life domains the resident signalled in
it come first. The short intake screens one domain; contact details and the read-back
("Klopt dit?") close every intake.
"""

from __future__ import annotations

from actions.intake.state import IntakeState
from content.loader import Bank

OPENING = ["consent.share", "request.open"]
CLOSING = ["contact.name", "contact.phone", "confirm.summary"]
# The short intake: one life domain, the one the resident named first.
SCREENED_DOMAINS = 1
DEFAULT_DOMAIN = "income"


def domains_to_screen(bank: Bank, state: IntakeState) -> list[str]:
    signalled = [key for key in state.cues if key in bank.domains]
    return (signalled or [DEFAULT_DOMAIN])[:SCREENED_DOMAINS]


def planned(bank: Bank, state: IntakeState) -> list[str]:
    order = list(OPENING)
    for domain in domains_to_screen(bank, state):
        order += [q.id for q in bank.domains[domain].questions]
    order += CLOSING
    return [qid for qid in order if _applies(bank, state, qid)]


def _applies(bank: Bank, state: IntakeState, question_id: str) -> bool:
    """A follow-up is asked only when an earlier answer shows a concern or a problem."""
    question = bank.question(question_id)
    return all(state.value(earlier) in values for earlier, values in question.ask_when.items())


def next_question(bank: Bank, state: IntakeState) -> str | None:
    return next((qid for qid in planned(bank, state) if qid not in state.answers), None)


def previous_question(state: IntakeState) -> str | None:
    """The question asked before the current one ("terug")."""
    asked = [qid for qid in state.asked if qid != state.current]
    return asked[-1] if asked else None
