"""Dutch dates in the resident's words (dates.parse_date), against a fixed today."""

from __future__ import annotations

from datetime import date

import pytest

from actions.intake.extract import patterns
from actions.intake.extract.dates import parse_date

# A Monday, so "dinsdag" (tomorrow) and "volgende week dinsdag" (a week later) differ.
TODAY = date(2026, 11, 16)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # Absolute dates; a day and month without a year is the next one to come.
        ("3 december", date(2026, 12, 3)),
        ("op 3 december", date(2026, 12, 3)),
        ("de deurwaarder komt op 3 december", date(2026, 12, 3)),
        ("3 dec.", date(2026, 12, 3)),
        ("3e december", date(2026, 12, 3)),
        ("vrijdag 3 december", date(2026, 12, 3)),
        ("16 november", date(2026, 11, 16)),
        ("15 november", date(2027, 11, 15)),
        ("1 januari", date(2027, 1, 1)),
        ("15 nov 2027", date(2027, 11, 15)),
        ("29 februari", date(2028, 2, 29)),
        ("3-12", date(2026, 12, 3)),
        ("op 3/12", date(2026, 12, 3)),
        ("03-12-2026", date(2026, 12, 3)),
        ("3-12-26", date(2026, 12, 3)),
        ("3.12.2026", date(2026, 12, 3)),
        ("2026-12-03", date(2026, 12, 3)),
        # Misspelled months: listed in dates.yml, or a small typo.
        ("3 desember", date(2026, 12, 3)),
        ("3 decmber", date(2026, 12, 3)),
        ("12 febuari", date(2027, 2, 12)),
        ("12 feburary", date(2027, 2, 12)),
        # Relative days.
        ("vandaag", date(2026, 11, 16)),
        ("morgen", date(2026, 11, 17)),
        ("morgenochtend", date(2026, 11, 17)),
        ("overmorgen", date(2026, 11, 18)),
        ("mrogen", date(2026, 11, 17)),
        ("gisteren", date(2026, 11, 15)),
        # Weekdays: the next one after today.
        ("dinsdag", date(2026, 11, 17)),
        ("maandag", date(2026, 11, 23)),
        ("zondag", date(2026, 11, 22)),
        ("aanstaande vrijdag", date(2026, 11, 20)),
        ("dinsag", date(2026, 11, 17)),
        ("volgende week dinsdag", date(2026, 11, 24)),
        ("dinsdag volgende week", date(2026, 11, 24)),
        ("deze week vrijdag", date(2026, 11, 20)),
        # Counted from today.
        ("over 2 weken", date(2026, 11, 30)),
        ("over twee weken", date(2026, 11, 30)),
        ("over een week", date(2026, 11, 23)),
        ("binnen 3 dagen", date(2026, 11, 19)),
        ("over een maand", date(2026, 12, 16)),
    ],
)
def test_dates(text: str, day: date) -> None:
    assert parse_date(text, TODAY) == day


@pytest.mark.parametrize(
    "text",
    [
        "weet ik niet",
        "binnenkort",
        "volgende week",
        "31 februari",
        "31-4",
        "13-13",
        "3.12",
        "ik heb 3 kinderen",
        "06-12345678",
        "ongeveer 12000 euro",
        "over 999999 weken",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text, TODAY) is None


def test_the_end_of_a_month_is_kept_within_the_next_month() -> None:
    assert parse_date("over een maand", date(2027, 1, 31)) == date(2027, 2, 28)


def test_a_day_and_month_this_year_already_past_is_next_year() -> None:
    assert parse_date("3 december", date(2026, 12, 4)) == date(2027, 12, 3)


def test_every_month_and_weekday_spelling_in_the_content_file_is_understood() -> None:
    data = patterns.load("dates")
    for month, words in data["months"].items():
        for word in words:
            assert parse_date(f"1 {word} 2030", TODAY) == date(2030, int(month), 1), word
    for weekday, words in data["weekdays"].items():
        for word in words:
            found = parse_date(str(word), TODAY)
            assert found is not None and found.isoweekday() == int(weekday), word
            assert TODAY < found <= date(2026, 11, 23), word
