"""Phone numbers, checked and written as E.164 ("+31612345678") with `phonenumbers`."""

from __future__ import annotations

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumber, PhoneNumberFormat

# Every Dutch number but the short service ones has nine digits after the leading 0.
DUTCH_DIGITS = 9


def _acceptable(number: PhoneNumber) -> bool:
    """Valid, or a Dutch number of the right length.

    The library's table of number ranges lags behind new ranges; a resident's real number
    turned away is worse than a typo the front office notices when they call.
    """
    if phonenumbers.is_valid_number(number):
        return True
    return (
        number.country_code == 31
        and phonenumbers.is_possible_number(number)
        and len(str(number.national_number)) == DUTCH_DIGITS
    )


def _e164(number: PhoneNumber) -> str:
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def normalise_phone(text: str, region: str = "NL") -> str | None:
    """The number in E.164, or None when `text` holds no number we could call back.

    "045 123 45 67" is "+31451234567", "0031612345678" is "+31612345678". A sentence
    around the number is fine: "mijn nummer is 06-12345678".
    """
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return find_phone(text, region)
    if _acceptable(number):
        return _e164(number)
    return find_phone(text, region)


def find_phone(text: str, region: str = "NL") -> str | None:
    """The first callable number in a sentence: "bel me op 06 12345678 graag"."""
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=Leniency.POSSIBLE):
        if _acceptable(match.number):
            return _e164(match.number)
    return None
