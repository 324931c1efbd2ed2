"""Phone numbers (E.164 through `phonenumbers`) and e-mail addresses in free text."""

from __future__ import annotations

import pytest

from actions.intake.extract.email import find_email
from actions.intake.extract.phone import find_phone, normalise_phone


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("045 123 45 67", "+31451234567"),
        ("(045) 123 45 67", "+31451234567"),
        ("06-12345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("06 12 34 56 78", "+31612345678"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("31612345678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("06 98765432", "+31698765432"),
        ("+32 470 12 34 56", "+32470123456"),
        # A sentence around the number, or two numbers: the first.
        ("mijn nummer is 06-12345678", "+31612345678"),
        ("06 12345678 of 06 87654321", "+31612345678"),
        # Not a number we could call back.
        ("12345", None),
        ("hallo", None),
        ("112", None),
        ("", None),
        ("06-1234567", None),
        ("06-123456789", None),
        ("bel me maar", None),
        ("03-12-2026", None),
        ("€ 12.000", None),
    ],
)
def test_phone_numbers_become_e164(text: str, e164: str | None) -> None:
    assert normalise_phone(text) == e164


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("bel me op 06 12345678 graag", "+31612345678"),
        ("mijn nummer: 0612345678.", "+31612345678"),
        ("bel 045-1234567 of 06-12345678", "+31451234567"),
        ("mijn vrouw: 0612345678, ik: 0698765432", "+31612345678"),
        ("geen nummer", None),
        ("nummer 06-1234567", None),
        ("de deurwaarder komt 03-12-2026", None),
        ("ik heb 12000 euro schuld", None),
        ("ik ben 74 en woon op nummer 12", None),
    ],
)
def test_a_phone_number_inside_a_sentence(text: str, e164: str | None) -> None:
    assert find_phone(text) == e164


def test_another_region_reads_national_numbers_its_own_way() -> None:
    assert normalise_phone("0470 12 34 56", region="BE") == "+32470123456"


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("mail naar Kim.Hermans@Voorbeeld.nl aub", "kim.hermans@voorbeeld.nl"),
        ("<KIM@GMAIL.COM>", "kim@gmail.com"),
        ("kim@x.nl,", "kim@x.nl"),
        ("test@domein.nl.", "test@domein.nl"),
        ("kim @ voorbeeld.nl", "kim@voorbeeld.nl"),
        (
            "mijn mail: jan_de-vries+intake@mail.example.co.uk.",
            "jan_de-vries+intake@mail.example.co.uk",
        ),
        ("info@gemeente.nl of kim@x.nl", "info@gemeente.nl"),
        ("kim at voorbeeld", None),
        ("kim@voorbeeld", None),
        ("@voorbeeld.nl", None),
        ("kim..h@x.nl", None),
        ("jan.@x.nl", None),
        ("kim@-x.nl", None),
        ("kim@gmail..com", None),
        ("a@b.c", None),
        ("weet ik niet", None),
        ("", None),
    ],
)
def test_email(text: str, address: str | None) -> None:
    assert find_email(text) == address
