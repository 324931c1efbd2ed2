"""Summaries and settings for handoff tests: built by the real summary logic, not by hand."""

from __future__ import annotations

from typing import Any

from actions.intake.state import Answer, IntakeState
from actions.intake.summary import build_summary
from api.settings import Settings
from content.loader import load_bank

ON_DUTY = "dienst@gemeente.example"
TEAM = "team@gemeente.example"


def settings_for(database_url: str, port: int, **extra: Any) -> Settings:
    return Settings.model_validate(
        {
            "DATABASE_URL": database_url,
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "notify_acute": ON_DUTY,
            "notify_high": TEAM,
            "internal_token": "test-secret",
            **extra,
        }
    )


def summary_with(*kinds: str) -> dict[str, Any]:
    """A summary as the action server builds it, with these signals in the resident's words."""
    state = IntakeState(
        answers={
            "consent.share": Answer("answered", "yes"),
            "contact.name": Answer("answered", "Ron Peters", "Ron Peters"),
            "contact.phone": Answer("answered", "+31611122233", "0611122233"),
        },
        asked=["consent.share", "contact.name", "contact.phone"],
        consent_at="2026-11-23T10:00:00+01:00",
        signals=[{"type": kind, "quote": f"woorden over {kind}"} for kind in kinds],
    )
    return build_summary(load_bank(), state)


def rich_summary() -> dict[str, Any]:
    """A household with several problems, stacked provisions and the resident's words."""
    answers = {
        "consent.share": Answer("answered", "yes"),
        "request.open": Answer("answered", "schulden en de huur", "schulden en de huur"),
        "household.members": Answer("answered", "ik en mijn zoon van 9", "ik en mijn zoon van 9"),
        "debts.screen": Answer("answered", "bad", "alles loopt vast met de rekeningen"),
        "debts.amount": Answer("answered", 8000, "ongeveer 8000 euro"),
        "housing.screen": Answer("answered", "so_so", "de huur is twee maanden te laat"),
        "safety.screen": Answer("answered", "good"),
        "income.screen": Answer("answered", "bad", "alleen bijstand"),
        "support.current": Answer("answered", ["bijstand", "schuldhulp"]),
        "request.wish": Answer("answered", "rust in mijn hoofd", "rust in mijn hoofd"),
        "contact.name": Answer("answered", "Sanne de Vries", "Sanne de Vries"),
        "contact.phone": Answer("answered", "+31611122233", "0611122233"),
    }
    state = IntakeState(
        answers=answers,
        asked=list(answers),
        cues=["debts", "housing"],
        consent_at="2026-11-23T10:00:00+01:00",
        household=[
            {"role": "self", "age": None, "note": None},
            {"role": "child", "age": 9, "note": None},
        ],
        callback={"date": "2026-11-24", "part_of_day": "morning"},
    )
    return build_summary(load_bank(), state)
