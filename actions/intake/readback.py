"""The read-back before "Klopt dit?": every answer, in plain words, in the order asked."""

from __future__ import annotations

from typing import Any

from actions.intake.envelopes import text_ref
from actions.intake.state import Answer, IntakeState
from actions.intake.understand import match_words
from content.loader import Bank

# Not read back: consent was just given, the read-back itself, and the questions after
# danger (asked for the resident's safety, not for the file).
NOT_READ_BACK = {
    "consent.share",
    "confirm.summary",
    "confirm.change",
    "confirm.keep_out",
    "crisis.safe_now",
    "crisis.go_on",
}


def readback_questions(state: IntakeState) -> list[str]:
    return [qid for qid in state.asked if qid in state.answers and qid not in NOT_READ_BACK]


def value_ref(bank: Bank, question_id: str, answer: Answer) -> Any:
    if answer.status == "skipped":
        return text_ref("readback.skipped")
    if answer.status == "unknown":
        # They explained in words rather than answering: read their words back.
        return answer.text if answer.text else text_ref("readback.unknown")
    question = bank.question(question_id)
    if question_id == "callback.moment":
        return text_ref(
            "intake.callback_when",
            date={"date": answer.value["date"]},
            part=text_ref(f"callback.part.{answer.value['part_of_day']}"),
        )
    if question.type == "multi_choice":
        return [text_ref(_option_key(question_id, o, question.labels)) for o in answer.value]
    if question.dynamic_options:
        return text_ref(f"domain.{answer.value}.label")
    if question.type in ("choice", "yes_no"):
        return text_ref(_option_key(question_id, answer.value, question.labels))
    if question.type == "number" and isinstance(answer.value, int):
        return {"money": answer.value}
    if question.type == "phone" or answer.value is None:
        return answer.text or answer.value
    return answer.value


def _option_key(question_id: str, option: str, labels: dict) -> str:
    return f"{question_id}.option.{option}" if option in labels else f"option.{option}"


def _told(answer: Answer) -> bool:
    """An unknown answer where the resident explained something, not just "weet ik niet"."""
    return bool(answer.text) and match_words(answer.text, ["unknown", "skip"]) is None


# Screening answers are read back in groups ("Niet goed: Schulden, Wonen"), not one
# line per life domain: a B1 reader takes in five lines more easily than twenty-five.
SCREEN_GROUPS = ("bad", "so_so", "good")


def readback_lines(bank: Bank, state: IntakeState) -> list[dict[str, Any]]:
    """The read-back, shortest first-hand: story and household, how each life domain is
    going (grouped), the details, what is not known yet (one line), then contact."""
    lines: list[dict[str, Any]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    unknown: list[dict[str, Any]] = []
    screens_at: int | None = None
    contact_at: int | None = None
    for qid in readback_questions(state):
        answer = state.answers[qid]
        label = text_ref(f"{qid}.label")
        if qid.startswith(("contact.", "callback.")) and contact_at is None:
            contact_at = len(lines)
        if qid.endswith(".screen") and not _told(answer):
            if screens_at is None:
                screens_at = len(lines)
            group = answer.value if answer.status == "answered" else answer.status
            if group in SCREEN_GROUPS or group == "skipped":
                groups.setdefault(group, []).append(label)
            else:
                unknown.append(label)
            continue
        if answer.status == "unknown" and not _told(answer):
            unknown.append(label)
            continue
        if answer.status == "skipped":
            groups.setdefault("skipped", []).append(label)
            continue
        lines.append(text_ref("readback.line", label=label, value=value_ref(bank, qid, answer)))
    grouped = [
        text_ref("readback.line", label=text_ref(f"readback.group.{name}"), value=groups[name])
        for name in (*SCREEN_GROUPS, "skipped")
        if groups.get(name)
    ]
    if unknown:
        grouped_unknown = text_ref(
            "readback.line", label=text_ref("readback.group.unknown"), value=unknown
        )
    at = screens_at if screens_at is not None else len(lines)
    lines[at:at] = grouped
    if unknown:
        end = contact_at + len(grouped) if contact_at is not None else len(lines)
        lines.insert(end, grouped_unknown)
    return lines
