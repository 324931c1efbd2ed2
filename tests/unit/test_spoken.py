"""On the phone, numbers to dial or note are spoken digit by digit; others stay."""

from __future__ import annotations

import re

import pytest

from api.render import Audience, render_text
from api.spoken import speak_numbers
from content.loader import load_texts

VOICE = Audience(channel="voice")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Bel 112.", "Bel één één twee."),
        ("Bel 0800-0113, dag en nacht.", "Bel nul acht nul nul, nul één één drie, dag en nacht."),
        ("Bel de gemeente op 14 045.", "Bel de gemeente op één vier, nul vier vijf."),
        (
            "Uw nummer is VD-2026-000123.",
            "Uw nummer is V D, twee nul twee zes, nul nul nul één twee drie.",
        ),
        ("Uw code is 4821.", "Uw code is vier acht twee één."),
        ("Dinsdag 24 november, om 8.30 uur.", "Dinsdag 24 november, om 8.30 uur."),
        ("Ongeveer 8000 euro schuld.", "Ongeveer 8000 euro schuld."),
        ("Al 3 maanden.", "Al 3 maanden."),
        ("€ 12.000", "€ 12.000"),
        ("Uw code is K3M7QPRT.", "Uw code is K, drie, M, zeven, Q, P, R, T."),
        ("Dit is een TESTCASE.", "Dit is een TESTCASE."),
    ],
)
def test_numbers_for_the_ear(written: str, spoken: str) -> None:
    assert speak_numbers(written) == spoken


def test_every_crisis_text_on_the_phone_has_no_number_left_to_read() -> None:
    keys = [key for key in load_texts() if key.startswith("crisis.")]
    assert len(keys) >= 10
    for key in keys:
        spoken = render_text(key, {}, VOICE)
        assert not re.search(r"\d{3}|\d[ -]\d", spoken), (key, spoken)


def test_the_reference_and_the_municipality_number_are_spoken_on_the_phone() -> None:
    confirmed = render_text("intake.confirmed", {"reference": "VD-2026-000042"}, VOICE)
    assert "V D, twee nul twee zes, nul nul nul nul vier twee" in confirmed
    web = render_text("intake.confirmed", {"reference": "VD-2026-000042"}, Audience())
    assert "VD-2026-000042" in web
