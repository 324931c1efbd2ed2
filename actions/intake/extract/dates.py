"""Dates in the resident's words: "3 december", "op 3-12", "03-12-2026", "morgen",
"volgende week dinsdag", "over 2 weken". Month and weekday names, with common
misspellings, are in content/patterns/dates.yml.

Used for things that are coming (the bailiff, an eviction, a callback), so a day and month
without a year is the next one to come, and a bare weekday is the next one after today.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from actions.intake.extract import patterns
from actions.intake.extract.fuzzy import close_match
from actions.intake.extract.numbers import as_int

# "3-12", "3/12", "03-12-2026", "3.12.2026" (a dot only with a year: "3.12" may be money).
_NUMERIC = re.compile(
    r"(?<![\d/.-])(\d{1,2})(?:([-/])(\d{1,2})(?:\2(\d{4}|\d{2}))?|\.(\d{1,2})\.(\d{4}|\d{2}))"
    r"(?![\d/-]|\.\d)"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_WORD = re.compile(r"\d+[^\W\d_]*|[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?")
# "3e december", "3de", "3ste": the ordinal ending after the day.
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|de|ste)$")
# A day-month without year is sought this many years ahead ("29 februari" waits for a leap year).
_YEARS_AHEAD = 8


@functools.cache
def _data() -> dict:
    return patterns.load("dates")


@functools.cache
def _names(kind: str) -> dict[str, int]:
    """Every spelling of a month (or weekday) to its number."""
    return {str(word).lower(): int(n) for n, words in _data()[kind].items() for word in words}


@functools.cache
def _phrases(kind: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(phrase).lower().split()) for phrase in _data()[kind])


@functools.cache
def _units() -> dict[str, str]:
    return {str(word): unit for unit, words in _data()["units"].items() for word in words}


def _name(word: str, kind: str, min_length: int = 5) -> int | None:
    """A month or weekday by name, its listed misspellings, or a small typo of one."""
    word = word.rstrip(".")
    names = _names(kind)
    if word in names:
        return names[word]
    close = close_match(word, names, min_length=min_length)
    return names[close] if close else None


def _on_or_after(day: int, month: int, today: date) -> date | None:
    """The first `day`-`month` from today on; None if there never is one (31 February)."""
    for year in range(today.year, today.year + _YEARS_AHEAD + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return None


def _full_year(year: str) -> int:
    return int(year) + 2000 if len(year) == 2 else int(year)


def _make(day: int, month: int, year: str | None, today: date) -> date | None:
    if year is None:
        return _on_or_after(day, month, today)
    try:
        return date(_full_year(year), month, day)
    except ValueError:
        return None


def _day_number(word: str) -> int | None:
    if ordinal := _ORDINAL.match(word):
        word = ordinal.group(1)
    value = int(word) if word.isdecimal() and len(word) <= 2 else None
    return value if value is not None and 1 <= value <= 31 else None


def _written(words: list[str], today: date) -> date | None:
    """ "3 december", "op 3 dec 2026", "3e december": a day number, then a month name."""
    for i in range(len(words) - 1):
        day = _day_number(words[i])
        if day is None:
            continue
        month = _name(words[i + 1], "months")
        if month is None:
            continue
        year = words[i + 2] if i + 2 < len(words) and re.fullmatch(r"\d{4}", words[i + 2]) else None
        return _make(day, month, year, today)
    return None


def _numeric(text: str, today: date) -> date | None:
    if iso := _ISO.search(text):
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    for match in _NUMERIC.finditer(text):
        day = int(match.group(1))
        month = int(match.group(3) or match.group(5))
        year = match.group(4) or match.group(6)
        if 1 <= day <= 31 and 1 <= month <= 12:
            return _make(day, month, year, today)
    return None


def _add_months(today: date, months: int) -> date:
    month = today.month - 1 + months
    year, month = today.year + month // 12, month % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _from_now(words: list[str], today: date) -> date | None:
    """ "over 2 weken", "binnen drie dagen", "over een maand"."""
    starts = set(patterns.words(_data()["from_now"]))
    for i in range(len(words) - 2):
        if words[i] not in starts:
            continue
        count, unit = as_int(words[i + 1]), _units().get(words[i + 2])
        if count is None or unit is None:
            continue
        try:
            if unit == "months":
                return _add_months(today, count)
            return today + timedelta(days=count * (7 if unit == "weeks" else 1))
        except (OverflowError, ValueError):
            return None  # "over 999999 weken" is past the last date Python knows
    return None


def _has(words: list[str], kind: str) -> bool:
    return any(
        tuple(words[i : i + len(phrase)]) == phrase
        for phrase in _phrases(kind)
        for i in range(len(words))
    )


def _weekday(words: list[str], today: date) -> date | None:
    """ "dinsdag" (the next one), "volgende week dinsdag", "deze week vrijdag"."""
    for word in words:
        weekday = _name(word, "weekdays", min_length=6)
        if weekday is None:
            continue
        monday = today - timedelta(days=today.weekday())
        if _has(words, "next_week"):
            return monday + timedelta(days=7 + weekday - 1)
        if _has(words, "this_week"):
            return monday + timedelta(days=weekday - 1)
        ahead = (weekday - 1 - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return None


def _relative(words: list[str], today: date) -> date | None:
    relative = {str(word): int(days) for word, days in _data()["relative"].items()}
    for word in words:
        if word in relative:
            return today + timedelta(days=relative[word])
    return None


def parse_date(text: str, today: date) -> date | None:
    """The date the resident means, or None when there is none.

    An explicit date wins over words like "morgen": "vrijdag 3 december" is 3 December.
    "volgende week" alone names no day and gives None.
    """
    lowered = text.lower()
    words = _WORD.findall(lowered)
    return (
        _written(words, today)
        or _numeric(lowered, today)
        or _from_now(words, today)
        or _weekday(words, today)
        or _relative(words, today)
    )
