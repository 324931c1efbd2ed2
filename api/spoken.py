"""Numbers for the ear: on the phone, phone numbers, helplines, references and codes are
spoken digit by digit ("nul acht nul nul, nul één één drie"), so a caller can dial or
note them. Days, amounts and times stay as they are ("24 november", "€ 8.000", "8.30").
"""

from __future__ import annotations

import re

DIGITS = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]

# A reference (VD-2026-000123) or a code of letters and digits (a resume code).
REFERENCE = re.compile(r"\b([A-Z]{2})-(\d{4})-(\d{6})\b")
# Digit groups joined by spaces or hyphens: 112, 0800-0113, 14 045, 06 12345678.
NUMBER = re.compile(r"(?<![\w€.,:])\d+(?:[ -]\d+)*(?![\w.,:]*\d)")
# Not a number to dial: an amount, a time, a date, a count.
NOT_DIALLED = re.compile(r"^\s*(euro|uur|jaar|maanden|weken|dagen|minuten|procent)\b")


def _digits(group: str) -> str:
    return " ".join(DIGITS[int(d)] for d in group)


def _number(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    following = match.string[match.end() :]
    if len(digits) < 3 or NOT_DIALLED.match(following):
        return text
    return ", ".join(_digits(group) for group in re.split(r"[ -]", text))


def _reference(match: re.Match[str]) -> str:
    letters = " ".join(match.group(1))
    return f"{letters}, {_digits(match.group(2))}, {_digits(match.group(3))}"


# A resume code (api/conversations/codes.py): spelled out, one sign at a time.
CODE = re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[ACDEFGHJKMNPQRTUVWXY34679]{8}\b")


def _code(match: re.Match[str]) -> str:
    return ", ".join(DIGITS[int(c)] if c.isdigit() else c for c in match.group(0))


def speak_numbers(text: str) -> str:
    return NUMBER.sub(_number, CODE.sub(_code, REFERENCE.sub(_reference, text)))
