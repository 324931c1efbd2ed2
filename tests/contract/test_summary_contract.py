"""The summary schema: ours is the shared contract, and built summaries validate against it."""

from __future__ import annotations

import json

import pytest

from actions.intake.state import Answer, IntakeState
from actions.intake.summary import build_summary
from api.summary_schema import SCHEMA_PATH, problems
from content.loader import load_bank
from tests.conftest import SHARED, require


def test_the_vendored_schema_is_the_shared_contract() -> None:
    shared = SHARED / "contracts" / "summary.schema.json"
    require(shared.exists(), "../shared/contracts is not beside the checkout")
    assert json.loads(SCHEMA_PATH.read_text()) == json.loads(shared.read_text())


def _filed(summary: dict) -> dict:
    # What the API adds when it files the intake.
    return {
        **summary,
        "reference": "VD-2026-000042",
        "created_at": "2026-11-23T10:00:00+00:00",
        "channel": "web",
        "language": "nl",
        "assisted_by": None,
    }


@pytest.mark.parametrize("debts", ["good", "so_so", "bad"])
def test_a_built_summary_validates(debts: str) -> None:
    state = IntakeState(
        answers={
            "consent.share": Answer("answered", "yes"),
            "request.open": Answer("answered", "ik heb schulden", "ik heb schulden"),
            "debts.screen": Answer("answered", debts, "ja best veel"),
            "contact.name": Answer("answered", "Kim"),
            "contact.phone": Answer("answered", "+31698765432", "06 98765432"),
        },
        asked=["consent.share", "request.open", "debts.screen", "contact.name", "contact.phone"],
        cues=["debts", "housing"],
        consent_at="2026-11-23T09:58:00+00:00",
    )
    summary = _filed(build_summary(load_bank(), state))
    assert problems(summary) == []
    status = {"good": "ok", "so_so": "concern", "bad": "problem"}[debts]
    domains = {d["key"]: d for d in summary["domains"]}
    assert domains["debts"]["status"] == status
    assert domains["debts"]["quotes"] == ["ik heb schulden", "ja best veel"]
    # Named in the first story but not asked: visible, marked unknown.
    assert domains["housing"]["status"] == "unknown"
    assert summary["triage"]["suggested_teams"] == (["schuldhulp"] if debts != "good" else [])


def test_skipped_answers_become_open_questions_and_declined_domains() -> None:
    state = IntakeState(
        answers={
            "consent.share": Answer("answered", "yes"),
            "request.open": Answer("answered", "geld"),
            "income.screen": Answer("skipped"),
            "contact.name": Answer("unknown"),
            "contact.phone": Answer("answered", "+31611122233"),
        },
        asked=["consent.share", "request.open", "income.screen", "contact.name", "contact.phone"],
        cues=["income"],
        consent_at="2026-11-23T09:58:00+00:00",
    )
    summary = _filed(build_summary(load_bank(), state))
    assert problems(summary) == []
    assert summary["domains"][0]["status"] == "declined"
    assert summary["open_questions"] == [
        "Niet beantwoord: Inkomen.",
        "Weet de inwoner niet: Uw naam.",
    ]


def test_the_schema_catches_a_broken_summary() -> None:
    broken = _filed(build_summary(load_bank(), IntakeState(consent_at="2026-11-23T09:58:00+00:00")))
    broken["reference"] = "VD-26-1"
    broken["urgency"]["level"] = "soon"
    found = problems(broken)
    assert any(p.startswith("reference") for p in found)
    assert any(p.startswith("urgency/level") for p in found)
