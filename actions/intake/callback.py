"""When the front office calls back: a working day (no weekend, no Dutch public holiday).

The resident says a part of the day ("ochtend", "middag"), "zo snel mogelijk", or a day
("morgenochtend", "dinsdag"); we pick the first working day that fits. Same-day calls
are promised only before noon, when the front office can still plan them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from actions.intake.extract import patterns
from actions.intake.extract.patterns import contains
from content.loader import load_municipality

NOON = time(12, 0)


@dataclass(frozen=True)
class Callback:
    day: date
    part: str  # "morning" or "afternoon", as in the summary schema

    def as_summary(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "part_of_day": self.part}


@functools.cache
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("NL", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def local_now(now: datetime) -> datetime:
    return now.astimezone(ZoneInfo(load_municipality().timezone))


def is_office_hours(now: datetime) -> bool:
    local = local_now(now)
    hours = load_municipality().office_hours
    start, end = (time.fromisoformat(hours.start), time.fromisoformat(hours.end))
    return is_working_day(local.date()) and start <= local.time() < end


def _has(text: str, phrases: list[str]) -> bool:
    return any(contains(text, phrase) for phrase in phrases)


@dataclass(frozen=True)
class Wish:
    """What the resident said about the moment."""

    part: str | None = None
    weekday: int | None = None  # 0 = Monday
    tomorrow: bool = False
    soon: bool = False


def understand(text: str) -> Wish:
    words = patterns.load("callback")
    lowered = text.lower()
    part = None
    if _has(lowered, words["afternoon"]):
        part = "afternoon"
    elif _has(lowered, words["morning"]):
        part = "morning"
    weekday = next(
        (day for name, day in words["weekdays"].items() if re.search(rf"(?<!\w){name}", lowered)),
        None,
    )
    return Wish(
        part, weekday, _has(lowered, words["tomorrow"]), _has(lowered, words["first_possible"])
    )


def plan(option: str | None, text: str | None, now: datetime) -> Callback:
    """The callback moment for a button (`option`) or the resident's words (`text`)."""
    local = local_now(now)
    today = local.date()
    wish = understand(text or "")
    part = option if option in ("morning", "afternoon") else wish.part
    soon = wish.soon or option == "first_possible"
    if wish.weekday is not None:
        start = today + timedelta(days=(wish.weekday - today.weekday()) % 7 or 7)
    elif wish.tomorrow:
        start = today + timedelta(days=1)
    elif soon and is_working_day(today) and local.time() < NOON:
        return Callback(today, "afternoon")
    else:
        start = today + timedelta(days=1)
    return Callback(next_working_day(start), part or "morning")
