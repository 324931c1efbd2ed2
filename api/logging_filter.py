"""No personal data in logs: every log record is masked before any handler sees it.

Installed as the process's log record factory (`install()`), so it covers every
logger and every handler a library adds later: uvicorn, SQLAlchemy, Sanic, rasa_sdk,
and Rasa itself (its structlog output ends in the standard `logging` module too).

What is masked: phone numbers, e-mail addresses, BSNs (any nine-digit number), IBANs,
postcodes with their house number, and the values of fields that carry free text
(`"text": "..."` and the like, as Rasa's JSON log lines have them). The project's own
code never logs what a resident typed; this is the second line of defence.

Standard library only: Rasa's engine (Python 3.10, its own environment) imports it too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

# Field names whose values are what somebody typed or was told, in JSON or a Python repr.
FREE_TEXT_KEYS = (
    "text",
    "user_text",
    "message",
    "body",
    "quote",
    "quotes",
    "response_text",
    "parse_data_text",
    "slot_values",
    "value",
    "name",
    "phone",
    "email",
    "words",
)

_KEYS = "|".join(FREE_TEXT_KEYS)
_FREE_TEXT = re.compile(
    rf"""(?P<key>["'](?:{_KEYS})["']\s*[:=]\s*)(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
)

# Order matters: the most specific shapes first, so an IBAN is not read as a phone number.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[e-mail]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "[iban]",
        re.compile(r"\b[A-Za-z]{2}\d{2}[ ]?[A-Za-z]{4}(?:[ ]?\d{2,4}){2,7}\b"),
    ),
    # A Dutch or international phone number: +31 6 1234 5678, 0031-..., 06-12345678,
    # (010) 123 45 67. Ten or more digits, with the usual separators between them.
    (
        "[telefoon]",
        re.compile(r"(?<![\w+])(?:\+|00|\(?0)\d?(?:[\s\-.()]{0,3}\d){8,13}(?![\w])"),
    ),
    # A BSN, and so any nine-digit number, also written 123.456.782 or 1234 56 789.
    ("[nummer]", re.compile(r"(?<![\w.])\d(?:[\s.]?\d){8}(?![\w])")),
    # A postcode (1234 AB, 1234AB, 1234ab) with the house number that often follows it.
    (
        "[postcode]",
        re.compile(
            r"\b[1-9]\d{3}(?:[ ]?[A-Z]{2}|[a-z]{2})\b"
            r"(?:\s*,?\s*\d{1,5}(?:[ ]?[a-zA-Z]\b|-\d{1,4})?)?"
        ),
    ),
)


def mask(text: str) -> str:
    """The text with free-text fields emptied and personal data replaced by a label."""
    text = _FREE_TEXT.sub(lambda m: m.group("key") + '"[tekst]"', text)
    for label, pattern in RULES:
        text = pattern.sub(label, text)
    return text


def _masked_factory(original: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = original(*args, **kwargs)
        try:
            _mask_record(record)
            if record.exc_info:
                # Exception texts carry values (a database error's parameters, say):
                # render the traceback now, masked; formatters reuse exc_text.
                record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        except Exception:  # a log line must never break the program; drop its text
            record.msg, record.args = "[log line dropped: could not be masked]", ()
        return record

    factory.voordeur_masking = True  # type: ignore[attr-defined]
    return factory


def _masked_arg(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return mask(value if isinstance(value, str) else str(value))


def _mask_record(record: logging.LogRecord) -> None:
    """Mask the template and each argument, keeping their shape.

    Formatters may read the arguments themselves (uvicorn's access log unpacks five),
    so they stay a tuple (or a mapping) of the same length; only their text is masked.
    """
    record.msg = mask(record.msg) if isinstance(record.msg, str) else mask(str(record.msg))
    if isinstance(record.args, dict):
        record.args = {key: _masked_arg(value) for key, value in record.args.items()}
    elif record.args:
        record.args = tuple(_masked_arg(value) for value in record.args)


def install() -> None:
    """Mask every log record made in this process from now on (idempotent)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "voordeur_masking", False):
        return
    logging.setLogRecordFactory(_masked_factory(current))


class MaskingFilter(logging.Filter):
    """The same masking as a handler filter, for logging set up from a config file."""

    def filter(self, record: logging.LogRecord) -> bool:
        _mask_record(record)
        return True
