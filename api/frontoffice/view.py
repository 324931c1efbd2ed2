"""What the intake page shows, built from the summary: grouped, labelled, in plain Dutch.

The front-office worker is about to call: the page must answer "who, how urgent, what
is going on in which part of life, what is already there, what do they ask" without
the resident telling the story again (seed 004, chapter 7).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from content.loader import load_bank, load_staff_texts, load_texts

PILLARS = ("veiligheid", "bestaanszekerheid", "zorg", "meedoen")
# Problems first within a pillar: the eye lands on what needs the call.
STATUS_ORDER = {"problem": 0, "concern": 1, "unknown": 2, "declined": 3, "ok": 4}
# A mark in text and shape, never colour alone (WCAG 1.4.1).
SYMBOLS = {"problem": "✖", "concern": "!", "ok": "✓", "unknown": "?", "declined": "–"}


@dataclass
class DomainView:
    key: str
    label: str
    status: str
    mark: str
    symbol: str
    summary: str | None
    quotes: list[str]
    facts: list[tuple[str, Any]]
    # The language the resident's words are in, and for staff its Dutch name when that
    # is not Dutch ("Pools"): the quotes are shown as written, never translated.
    quotes_language: str = "nl"
    quotes_language_name: str | None = None


@dataclass
class PillarView:
    key: str
    label: str
    domains: list[DomainView] = field(default_factory=list)


def staff(key: str, default: str | None = None) -> str:
    return load_staff_texts().get(key, default if default is not None else key)


def domain_label(key: str) -> str:
    texts = load_texts()
    found = texts.get(f"domain.{key}.label") or texts.get(f"{key}.screen.label")
    return found.text if found else key


def fact_label(domain: str, name: str) -> str:
    found = load_texts().get(f"{domain}.{name}.label")
    return found.text if found else name


def pillars(summary: dict[str, Any]) -> list[PillarView]:
    bank = load_bank()
    grouped = {key: PillarView(key, staff(f"pillar.{key}")) for key in PILLARS}
    for entry in summary.get("domains", []):
        pillar = entry.get("pillar") or bank.domains[entry["key"]].pillar
        facts = [
            (fact_label(entry["key"], name), _fact_value(bank, entry["key"], name, value))
            for name, value in (entry.get("facts") or {}).items()
        ]
        grouped[pillar].domains.append(
            DomainView(
                key=entry["key"],
                label=domain_label(entry["key"]),
                status=entry["status"],
                mark=staff(f"mark.{entry['status']}"),
                symbol=SYMBOLS[entry["status"]],
                summary=entry.get("summary"),
                quotes=list(entry.get("quotes") or []),
                facts=facts,
                quotes_language=entry.get("quotes_language") or summary.get("language") or "nl",
                quotes_language_name=_foreign_language(
                    entry.get("quotes_language") or summary.get("language")
                ),
            )
        )
    for view in grouped.values():
        view.domains.sort(key=lambda d: STATUS_ORDER[d.status])
    return [view for view in grouped.values() if view.domains]


def _fact_value(bank: Any, domain: str, name: str, value: Any) -> Any:
    question = bank.questions().get(f"{domain}.{name}")
    if question is not None and question.type == "number" and isinstance(value, int | float):
        return format_currency(value, "EUR", format="¤ #,##0", locale="nl", currency_digits=False)
    if isinstance(value, str):
        try:
            # An eviction or court date: the weekday matters when planning the call.
            return format_date(date.fromisoformat(value), "EEEE d MMMM y", locale="nl")
        except ValueError:
            return {"yes": "ja", "no": "nee"}.get(value, value)
    return value


def _foreign_language(code: str | None) -> str | None:
    return language_name(code) if code and code != "nl" else None


def language_name(code: str | None) -> str:
    return Locale("nl").languages.get(code or "", code or "-")


def callback_text(callback: dict[str, Any] | None) -> str | None:
    if not callback or not callback.get("date"):
        return None
    day = format_date(date.fromisoformat(callback["date"]), "EEEE d MMMM", locale="nl")
    part = staff(f"part.{callback.get('part_of_day')}", "")
    return f"{day}, {part}" if part else day


def household(summary: dict[str, Any]) -> list[str]:
    members = (summary.get("household") or {}).get("members") or []
    lines = []
    for member in members:
        text = staff(f"role.{member['role']}")
        if member.get("age") is not None:
            text += f", {member['age']} jaar"
        if member.get("note"):
            text += f" ({member['note']})"
        lines.append(text)
    return lines


def support(summary: dict[str, Any]) -> list[str]:
    return [staff(f"support.{kind}") for kind in summary.get("current_support") or []]


def intake_view(summary: dict[str, Any]) -> dict[str, Any]:
    contact = summary.get("contact") or {}
    triage = summary.get("triage") or {}
    safety = summary.get("safety") or {}
    support_lines = support(summary)
    return {
        "pillars": pillars(summary),
        "household": household(summary),
        "support": support_lines,
        # Two or more provisions in one household: the stacking the seed reports warn of.
        "stacked": len([s for s in summary.get("current_support") or [] if s != "other"]) >= 2,
        "callback": callback_text(contact.get("callback")),
        "channel": staff(f"channel.{contact.get('preferred_channel')}", "-"),
        "language": language_name(summary.get("language")),
        "signals": [
            {"label": staff(f"signal.{s['type']}"), "quote": s.get("quote")}
            for s in safety.get("signals") or []
        ],
        "signposted": list(safety.get("signposted") or []),
        "teams": [staff(f"team.{team}") for team in triage.get("suggested_teams") or []],
        "route": staff(f"route.{triage.get('route')}", "-"),
        "complexity": staff(f"complexity.{triage.get('complexity')}", "-"),
        "most_important": domain_label(m)
        if (m := (summary.get("request") or {}).get("most_important"))
        else None,
        "not_to_share": [
            domain_label(k) for k in (summary.get("consent") or {}).get("not_to_share") or []
        ],
    }
