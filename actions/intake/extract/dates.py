"""Dates in the resident's words: "3 december", "op 3-12", "03-12-2026", "morgen"."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WRITTEN = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b(?:\s+(\d{4}))?", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?\b")
_RELATIVE = {"vandaag": 0, "morgen": 1, "overmorgen": 2}


def _next_occurrence(day: int, month: int, year: int | None, today: date) -> date | None:
    try:
        if year is not None:
            return date(year if year > 99 else 2000 + year, month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def parse_date(text: str, today: date) -> date | None:
    """The first date named; a day and month without a year is the next one to come."""
    lowered = text.lower()
    if match := _WRITTEN.search(lowered):
        year = int(match.group(3)) if match.group(3) else None
        return _next_occurrence(int(match.group(1)), MONTHS[match.group(2)], year, today)
    if match := _NUMERIC.search(lowered):
        year = int(match.group(3)) if match.group(3) else None
        return _next_occurrence(int(match.group(1)), int(match.group(2)), year, today)
    for word, days in _RELATIVE.items():
        if re.search(rf"\b{word}\b", lowered):
            return today + timedelta(days=days)
    return None
