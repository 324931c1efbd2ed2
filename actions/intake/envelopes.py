"""Envelopes: what the engine tells the API to say (a content key, variables, what it expects).

The API renders them; no sentence is written here.
"""

from __future__ import annotations

import json
from typing import Any

from content.loader import Bank


def say(key: str, **variables: Any) -> dict[str, Any]:
    envelope: dict[str, Any] = {"key": key}
    if variables:
        envelope["vars"] = variables
    return envelope


def text_ref(key: str, **variables: Any) -> dict[str, Any]:
    """A variable whose value is itself a content text."""
    return {"key": key, "vars": variables} if variables else {"key": key}


def choose_payload(question_id: str, option: str) -> str:
    return "/choose" + json.dumps(
        {"question": question_id, "option": option}, separators=(",", ":")
    )


def ask(
    bank: Bank, question_id: str, *, simple: bool = False, options: list[str] | None = None
) -> dict[str, Any]:
    question = bank.question(question_id)
    choices = options if options is not None else question.options
    envelope: dict[str, Any] = {
        "key": question_id,
        "expects": {"question": question_id, "type": question.type, "options": choices},
        "buttons": [{"option": o, "payload": choose_payload(question_id, o)} for o in choices],
    }
    if simple:
        envelope["simple"] = True
    return envelope
