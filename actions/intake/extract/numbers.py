"""Amounts of money in free text: "ongeveer 12000 euro", "€ 3.500", "3,5k", "1200,-"."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,(\d{1,2}|-))?\s*(k|duizend)?", re.IGNORECASE)


def parse_amount(text: str) -> int | None:
    for match in _AMOUNT.finditer(text.replace("€", " ")):
        whole = int(re.sub(r"[.\s]", "", match.group(1)))
        cents = match.group(2)
        if match.group(3):
            # "3,5k" is 3500: the decimal belongs to the thousands.
            fraction = int(cents) / 10 ** len(cents) if cents and cents != "-" else 0
            return round((whole + fraction) * 1000)
        return whole
    return None
