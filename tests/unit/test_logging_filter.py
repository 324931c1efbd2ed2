"""No personal data in logs: the masking rules, and the record factory that applies them."""

from __future__ import annotations

import io
import logging

import pytest

from api.logging_filter import MaskingFilter, install, mask


@pytest.mark.parametrize(
    ("line", "hidden"),
    [
        ("bel mij op 06-12345678", "06-12345678"),
        ("mijn nummer is 0612345678.", "0612345678"),
        ("+31 6 1234 5678 graag", "+31 6 1234 5678"),
        ("of 0031 6 12 34 56 78", "0031 6 12 34 56 78"),
        ("vast: 010-1234567", "010-1234567"),
        ("(045) 527 85 00 is het kantoor", "527 85 00"),
        ("mail naar kim.hermans+post@example.nl", "kim.hermans+post@example.nl"),
        ("bsn 123456782", "123456782"),
        ("bsn 1234.56.782", "1234.56.782"),
        ("iban NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("iban NL91 ABNA 0417 1643 00", "ABNA 0417 1643 00"),
        ("ik woon op 6441 AB 12a in Brunssum", "6441 AB 12a"),
        ("postcode 6441ab", "6441ab"),
        ('{"event": "rest.message.received", "text": "ik wil dood"}', "ik wil dood"),
        ("{'text': 'ik heb 8000 euro schuld'}", "8000 euro schuld"),
    ],
)
def test_personal_data_is_masked(line: str, hidden: str) -> None:
    masked = mask(line)
    assert hidden not in masked, masked
    assert "[" in masked


@pytest.mark.parametrize(
    "line",
    [
        "POST /api/conversations/Ab3-x9_Kq/messages HTTP/1.1 200",
        "127.0.0.1:54321 - took 1500 ms",
        "engine unavailable for a turn: status 500",
        "in 2024 en 2025",
        "reference VD-2026-000123",
    ],
)
def test_ordinary_log_lines_stay_readable(line: str) -> None:
    assert mask(line) == line


def test_every_record_of_the_process_is_masked_whatever_handler_writes_it() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("test.masking")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    install()
    install()  # twice is harmless
    try:
        logger.info("call %s about %s", "06 12345678", {"text": "mijn schuld is groot"})
        try:
            raise ValueError("IBAN NL91ABNA0417164300 rejected")
        except ValueError:
            logger.exception("handoff failed for kim@example.nl")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    for secret in ("12345678", "mijn schuld", "NL91ABNA0417164300", "kim@example.nl"):
        assert secret not in written, written
    assert "[telefoon]" in written and "[iban]" in written and "Traceback" in written


def test_the_filter_form_masks_too() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "bsn %s", ("123456782",), None)
    assert MaskingFilter().filter(record)
    assert record.getMessage() == "bsn [nummer]"
