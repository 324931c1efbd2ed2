"""Triage: urgency, complexity, route and the teams to involve (rules in content/triage.yml)."""

from __future__ import annotations

from typing import Any

from content.loader import load_triage

FLAGGED = ("concern", "problem")


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


def urgency(signals: list[dict[str, Any]]) -> dict[str, Any]:
    acute = {"suicide", "violence", "child_safety", "homeless_tonight", "medical_emergency"}
    high = {"eviction", "utilities_cutoff", "no_food"}
    types = [s["type"] for s in signals]
    if any(t in acute for t in types):
        level = "acute"
    elif any(t in high for t in types):
        level = "high"
    else:
        level = "normal"
    return {"level": level, "reasons": [t for t in types if t in acute | high]}
