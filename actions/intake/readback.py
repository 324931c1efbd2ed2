"""The read-back before "Klopt dit?": every answer, in plain words, in the order asked."""

from __future__ import annotations

from typing import Any

from actions.intake.envelopes import text_ref
from actions.intake.state import Answer, IntakeState
from content.loader import Bank

# Not read back: consent was just given, and the read-back itself.
NOT_READ_BACK = {"consent.share", "confirm.summary", "confirm.change"}


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


def readback_lines(bank: Bank, state: IntakeState) -> list[dict[str, Any]]:
    return [
        text_ref(
            "readback.line",
            label=text_ref(f"{qid}.label"),
            value=value_ref(bank, qid, state.answers[qid]),
        )
        for qid in readback_questions(state)
    ]
