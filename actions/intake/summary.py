"""From the collected answers to the summary of ../shared/contracts/summary.schema.json.

A pure function. The API adds what only it knows (reference, created_at, channel,
language, who assisted) when it files the intake. Staff wording comes from
content/staff/nl.yml; the resident's own words are kept as written.
"""

from __future__ import annotations

from typing import Any

from actions.intake import flow, triage
from actions.intake.state import IntakeState
from content.loader import Bank, load_staff_texts, load_texts, load_triage


def _label(key: str) -> str:
    return load_texts()[key].text


def _facts(bank: Bank, state: IntakeState, key: str) -> dict[str, Any]:
    """Follow-up answers of a domain: {question name: value} (amounts, yes/no, words)."""
    facts: dict[str, Any] = {}
    for question in bank.domains[key].questions[1:]:
        answer = state.answers.get(question.id)
        if answer and answer.status == "answered" and answer.value not in (None, ""):
            facts[question.id.split(".", 1)[1]] = answer.value
    return facts


def _quotes(bank: Bank, state: IntakeState, key: str) -> list[str]:
    quotes = []
    story = state.answers.get("request.open")
    if story and story.text and key in state.cues:
        quotes.append(story.text)
    for question in bank.domains[key].questions:
        answer = state.answers.get(question.id)
        if answer and answer.text and answer.text not in quotes:
            quotes.append(answer.text)
    return quotes


def _domain_entry(bank: Bank, state: IntakeState, key: str) -> dict[str, Any] | None:
    staff = load_staff_texts()
    domain = bank.domains[key]
    screen = state.answers.get(f"{key}.screen")
    label = _label(f"domain.{key}.label")
    if screen is None:
        if key not in state.cues:
            return None
        # Named in the resident's story but not asked about: the front office should know.
        return {
            "key": key,
            "pillar": domain.pillar,
            "status": "unknown",
            "summary": staff["domain_signalled"].format(label=label),
            "quotes": _quotes(bank, state, key),
            "quotes_language": state.language,
            "facts": {},
        }
    # A skipped question means the resident chose not to say: "declined", not "unknown".
    answer_value = {"answered": screen.value, "skipped": "skip"}.get(screen.status, screen.status)
    status = load_triage().status_by_answer.get(str(answer_value), "unknown")
    facts = _facts(bank, state, key)
    summary = staff["domain_summary"].format(label=label, status=staff[f"status.{status}"])
    for name, value in facts.items():
        fact_label = _label(f"{key}.{name}.label")
        shown = {"yes": "ja", "no": "nee"}.get(value, value) if isinstance(value, str) else value
        summary += " " + staff["fact"].format(label=fact_label, value=shown) + "."
    return {
        "key": key,
        "pillar": domain.pillar,
        "status": status,
        "summary": summary,
        "quotes": _quotes(bank, state, key),
        # An addition to the schema: the resident's words stay in their own language,
        # and staff see which one (the summary itself is always Dutch).
        "quotes_language": state.language,
        "facts": facts,
    }


def _open_questions(state: IntakeState) -> list[str]:
    staff = load_staff_texts()
    texts = load_texts()
    found = [staff["open.only_call"]] if flow.only_call(state) else []
    for qid in state.asked:
        answer = state.answers.get(qid)
        if answer and answer.status in ("skipped", "unknown"):
            label_key = f"{qid}.label"
            label = texts[label_key].text if label_key in texts else qid
            found.append(staff[f"open.{answer.status}"].format(label=label))
    return found


def _household(state: IntakeState) -> dict[str, Any]:
    members = state.household or [{"role": "self", "age": None, "note": None}]
    return {
        "members": [
            {"role": m["role"], "age": m.get("age"), "note": m.get("note")} for m in members
        ]
    }


def _text_answer(state: IntakeState, question_id: str) -> str | None:
    answer = state.answers.get(question_id)
    return answer.text or answer.value if answer and answer.status == "answered" else None


def build_summary(bank: Bank, state: IntakeState) -> dict[str, Any]:
    domain_keys = flow.domains_to_screen(bank, state)
    domain_keys += [
        key
        for key in state.cues
        if key not in domain_keys and key in bank.domains and key not in state.not_to_share
    ]
    domains = [e for key in domain_keys if (e := _domain_entry(bank, state, key)) is not None]
    support = [s for s in state.value("support.current") or [] if s != "none"]
    complexity, route = triage.complexity(domains, support)
    flagged = [d["key"] for d in domains if d["status"] in ("problem", "concern")]
    most_important = state.value("request.most_important")
    if most_important not in flagged:
        most_important = flagged[0] if flagged else None
    network = _text_answer(state, "support.network")
    channel = state.value("contact.channel") or "phone"
    return {
        "schema_version": "1",
        "consent": {
            "share_with_frontoffice": state.consent_at is not None,
            "given_at": state.consent_at,
            "not_to_share": list(state.not_to_share),
        },
        "contact": {
            "name": state.value("contact.name"),
            "phone": state.value("contact.phone"),
            "email": state.value("contact.email"),
            "preferred_channel": channel,
            "callback": state.callback,
            "needs_interpreter": state.value("contact.interpreter") == "yes",
            "wants_someone_present": state.value("support.someone_present") == "yes",
        },
        "household": _household(state),
        "urgency": triage.urgency(
            state.signals,
            # "Bent u nu veilig?" → "nee", asked after danger or in the safety domain.
            not_safe_now="no" in (state.value(flow.SAFE_NOW), state.value("safety.now")),
        ),
        "safety": {
            "signals": triage.schema_signals(state.signals),
            "signposted": list(state.signposted),
        },
        "domains": domains,
        "current_support": support,
        "network": network,
        "request": {
            "in_own_words": _text_answer(state, "request.wish")
            or _text_answer(state, "request.open"),
            "most_important": most_important,
            "language": state.language,
        },
        "triage": {
            "complexity": complexity,
            "route": route,
            "suggested_teams": triage.suggested_teams(domains),
        },
        "open_questions": _open_questions(state),
    }
