"""Phone numbers, validated and normalised to E.164 with the `phonenumbers` library."""

from __future__ import annotations

import phonenumbers

# A Dutch subscriber number has nine digits after the 0; shorter is a typo.
MIN_DIGITS = 9


def normalise_phone(text: str, region: str = "NL") -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    # "Possible" (right length and shape), not "valid": the library's range data lags
    # behind reality, and turning away a resident's real number is worse than a typo.
    if not phonenumbers.is_valid_number(number) and not (
        phonenumbers.is_possible_number(number) and len(str(number.national_number)) >= MIN_DIGITS
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phone(text: str, region: str = "NL") -> str | None:
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None
