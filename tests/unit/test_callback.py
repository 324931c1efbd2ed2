"""Callback moments: working days only, no Dutch public holidays, same day only before noon."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from actions.intake.callback import is_office_hours, is_working_day, plan

# Times in UTC; Brunssum is UTC+1 in winter.
CHRISTMAS_EVE_MORNING = datetime(2026, 12, 24, 8, 0, tzinfo=UTC)  # Thursday 09:00 local
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def test_weekends_and_public_holidays_are_no_working_days() -> None:
    assert is_working_day(date(2026, 11, 23))
    assert not is_working_day(date(2026, 11, 22))  # Sunday
    assert not is_working_day(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_working_day(date(2026, 4, 27))  # Koningsdag


@pytest.mark.parametrize(
    ("option", "text", "day", "part"),
    [
        ("morning", None, date(2026, 12, 28), "morning"),  # after Christmas and the weekend
        ("afternoon", None, date(2026, 12, 28), "afternoon"),
        ("first_possible", None, date(2026, 12, 24), "afternoon"),  # before noon: today
        (None, "zo snel mogelijk", date(2026, 12, 24), "afternoon"),
        (None, "morgenochtend", date(2026, 12, 28), "morning"),
        (None, "dinsdag in de middag", date(2026, 12, 29), "afternoon"),
        (None, "maakt niet uit", date(2026, 12, 24), "afternoon"),
    ],
)
def test_plan(option: str | None, text: str | None, day: date, part: str) -> None:
    moment = plan(option, text, CHRISTMAS_EVE_MORNING)
    assert (moment.day, moment.part) == (day, part)


def test_after_noon_or_after_hours_it_is_the_next_working_day() -> None:
    assert plan("first_possible", None, FRIDAY_EVENING).day == date(2026, 11, 30)
    assert not is_office_hours(FRIDAY_EVENING)
    assert is_office_hours(CHRISTMAS_EVE_MORNING)
