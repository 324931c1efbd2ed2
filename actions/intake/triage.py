"""Triage: urgency, complexity, route and the teams to involve (rules in content/triage.yml)."""

from __future__ import annotations

from typing import Any

from content.loader import load_staff_texts, load_triage

FLAGGED = ("concern", "problem")
# The summary schema's signal types; other threats (no income) only raise urgency.
SIGNAL_TYPES = {
    "suicide",
    "violence",
    "child_safety",
    "homeless_tonight",
    "eviction",
    "utilities_cutoff",
    "no_food",
    "medical_emergency",
    "other",
}


def complexity(domains: list[dict[str, Any]], current_support: list[str]) -> tuple[str, str]:
    """single/standaard or multiple/brede_uitvraag (seed 000: standard versus multi-problem)."""
    flagged = [d for d in domains if d["status"] in FLAGGED]
    # Provisions already stacking up in one household also call for the broad look.
    stacked = len([s for s in current_support if s != "other"]) >= 2
    if len(flagged) >= load_triage().multiple_from_domains or stacked:
        return "multiple", "brede_uitvraag"
    return "single", "standaard"


def suggested_teams(domains: list[dict[str, Any]]) -> list[str]:
    teams: list[str] = []
    by_domain = load_triage().teams_by_domain
    # Problems before concerns, so the first team named is the most needed one.
    ordered = [d for d in domains if d["status"] == "problem"] + [
        d for d in domains if d["status"] == "concern"
    ]
    for domain in ordered:
        for team in by_domain.get(domain["key"], []):
            if team not in teams:
                teams.append(team)
    return teams


def urgency(signals: list[dict[str, Any]], not_safe_now: bool = False) -> dict[str, Any]:
    rules = load_triage()
    staff = load_staff_texts()
    types = [s["type"] for s in signals]
    acute = [t for t in types if t in rules.acute_threats]
    high = [t for t in types if t in rules.high_threats]
    # "Bent u op dit moment veilig?" → "nee": acute, and the first thing staff read.
    reasons = [staff["reason.not_safe_now"]] if not_safe_now else []
    reasons += [staff[f"reason.{t}"] for t in acute + high]
    level = "acute" if acute or not_safe_now else "high" if high else "normal"
    return {"level": level, "reasons": reasons}


def schema_signals(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The summary's safety signals: kinds the schema does not name (a bailiff, no income
    at all) become "other", with the resident's words, so staff still read them."""
    return [
        {"type": s["type"] if s["type"] in SIGNAL_TYPES else "other", "quote": s.get("quote")}
        for s in signals
    ]
