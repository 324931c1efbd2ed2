"""From the collected answers to the summary of ../shared/contracts/summary.schema.json.

A pure function. The API adds what only it knows (reference, created_at, channel,
language, who assisted) when it files the intake.
"""

from __future__ import annotations

from typing import Any

from actions.intake import flow, triage
from actions.intake.state import IntakeState
from content.loader import Bank, load_staff_texts, load_texts, load_triage


def _label(key: str) -> str:
    return load_texts()[f"domain.{key}.label"].text


def _domain_entry(bank: Bank, state: IntakeState, key: str) -> dict[str, Any] | None:
    staff = load_staff_texts()
    domain = bank.domains[key]
    screen = state.answers.get(f"{key}.screen")
    quotes = [
        answer.text
        for question in domain.questions
        if (answer := state.answers.get(question.id)) and answer.text
    ]
    if screen is None:
        if key not in state.cues:
            return None
        # Named in the open question but not asked about: the front office should know.
        return {
            "key": key,
            "pillar": domain.pillar,
            "status": "unknown",
            "summary": staff["domain_signalled"].format(label=_label(key)),
            "quotes": [],
            "facts": {},
        }
    # A skipped question means the resident chose not to say: "declined", not "unknown".
    answer_value = {"answered": screen.value, "skipped": "skip"}.get(screen.status, screen.status)
    status = load_triage().status_by_answer.get(str(answer_value), "unknown")
    return {
        "key": key,
        "pillar": domain.pillar,
        "status": status,
        "summary": staff["domain_summary"].format(
            label=_label(key), status=staff[f"status.{status}"]
        ),
        "quotes": quotes,
        "facts": {},
    }


def _open_questions(bank: Bank, state: IntakeState) -> list[str]:
    staff = load_staff_texts()
    texts = load_texts()
    found = []
    for qid in state.asked:
        answer = state.answers.get(qid)
        if answer and answer.status in ("skipped", "unknown"):
            label_key = f"{qid}.label"
            label = texts[label_key].text if label_key in texts else qid
            found.append(staff[f"open.{answer.status}"].format(label=label))
    return found


def build_summary(bank: Bank, state: IntakeState) -> dict[str, Any]:
    domain_keys = [*flow.domains_to_screen(bank, state)]
    domain_keys += [key for key in state.cues if key not in domain_keys]
    domains = [e for key in domain_keys if (e := _domain_entry(bank, state, key)) is not None]
    current_support: list[str] = []
    signals: list[dict[str, Any]] = []
    complexity, route = triage.complexity(domains, current_support)
    flagged = [d["key"] for d in domains if d["status"] in ("problem", "concern")]
    return {
        "schema_version": "1",
        "consent": {
            "share_with_frontoffice": state.value("consent.share") == "yes",
            "given_at": state.consent_at,
            "not_to_share": [],
        },
        "contact": {
            "name": state.value("contact.name"),
            "phone": state.value("contact.phone"),
            "email": None,
            "preferred_channel": "phone",
            "callback": None,
            "needs_interpreter": False,
            "wants_someone_present": False,
        },
        "household": {"members": [{"role": "self", "age": None, "note": None}]},
        "urgency": triage.urgency(signals),
        "safety": {"signals": signals, "signposted": []},
        "domains": domains,
        "current_support": current_support,
        "network": None,
        "request": {
            "in_own_words": state.value("request.open"),
            "most_important": flagged[0] if flagged else (state.cues[0] if state.cues else None),
        },
        "triage": {
            "complexity": complexity,
            "route": route,
            "suggested_teams": triage.suggested_teams(domains),
        },
        "open_questions": _open_questions(bank, state),
    }
