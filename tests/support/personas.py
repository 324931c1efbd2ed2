"""The persona runner (../shared/personas/README.md).

Answers each question the bot asks, by `expects.question`, from the persona's answers
(most specific prefix wins), until the conversation is finished; then fetches the
summary by its reference and checks the persona's expectations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from api.summary_schema import problems
from tests.support.chat import Chat

# "At least that status": problem ⊃ concern.
AT_LEAST = {"problem": {"problem"}, "concern": {"concern", "problem"}}


@dataclass
class Persona:
    name: str
    language: str
    opening: str
    answers: dict[str, Any]
    default: str
    expect: dict[str, Any]

    @classmethod
    def load(cls, path: Path) -> Persona:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        # PyYAML reads `yes`/`no` as booleans; the personas mean the words.
        answers = {k: _words(v) for k, v in raw["answers"].items()}
        return cls(
            raw["name"],
            raw.get("language", "nl"),
            raw["opening"],
            answers,
            str(raw.get("default", "weet ik niet")),
            raw["expect"],
        )

    def answer_for(self, question: str) -> Any:
        matches = [k for k in self.answers if question == k or question.startswith(k + ".")]
        return self.answers[max(matches, key=len)] if matches else None


def _words(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _words(v) for k, v in value.items()}
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


@dataclass
class Run:
    persona: Persona
    turns: int = 0
    summary: dict[str, Any] = field(default_factory=dict)
    transcript: list[str] = field(default_factory=list)


def hold_intake(chat: Chat, persona: Persona, max_turns: int = 80) -> Run:
    run = Run(persona)
    chat.start(language=persona.language)
    opened = False
    while not chat.last["state"]["finished"]:
        if run.turns >= max_turns:
            raise AssertionError(
                f"{persona.name}: not finished after {max_turns} turns\n"
                + "\n".join(run.transcript[-30:])
            )
        question = chat.question()
        run.transcript += [f"bot: {m['text']}" for m in chat.last["messages"]]
        if question is None:
            reply = persona.default
            chat.say(reply)
        elif question["expects"]["question"] == "request.open" and not opened:
            opened = True
            reply = persona.opening
            chat.say(reply)
        else:
            reply = _answer(chat, persona, question)
        run.transcript.append(f"resident: {reply}")
        run.turns += 1
    return run


def _answer(chat: Chat, persona: Persona, question: dict[str, Any]) -> str:
    answer = persona.answer_for(question["expects"]["question"])
    if answer is None:
        chat.say(persona.default)
        return persona.default
    if isinstance(answer, str):
        chat.say(answer)
        return answer
    polarity = str(answer.get("choose"))
    for button in question["buttons"]:
        option = button["payload"].rsplit('"option":"', 1)[-1].rstrip('"}')
        if polarity in (option, button["title"].lower()):
            chat.click(option)
            return f"[{button['title']}]"
    typed = str(answer.get("say", persona.default))
    chat.say(typed)
    return typed


def fetch_summary(base_url: str, token: str, reference: str) -> dict[str, Any]:
    response = httpx.get(
        f"{base_url}/api/frontoffice/intakes/{reference}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def check_expectations(run: Run) -> list[str]:
    """Every expectation that does not hold, in words; empty when the persona passes."""
    summary, expect = run.summary, run.persona.expect
    failed = [f"schema: {p}" for p in problems(summary)]
    status = {d["key"]: d["status"] for d in summary["domains"]}
    for level in ("problem", "concern"):
        for key in expect.get(f"domains_{level}", []):
            if status.get(key) not in AT_LEAST[level]:
                failed.append(f"{key} should be at least {level}, is {status.get(key)}")
    for key in expect.get("domains_ok_or_unknown", []):
        if status.get(key, "unknown") not in ("ok", "unknown"):
            failed.append(f"{key} should not be flagged, is {status[key]}")
    for name, actual in (
        ("urgency", summary["urgency"]["level"]),
        ("complexity", summary["triage"]["complexity"]),
        ("route", summary["triage"]["route"]),
    ):
        if name in expect and expect[name] != actual:
            failed.append(f"{name} should be {expect[name]}, is {actual}")
    teams = summary["triage"]["suggested_teams"]
    failed += [
        f"team {t} missing in {teams}" for t in expect.get("teams_include", []) if t not in teams
    ]
    roles = [m["role"] for m in summary["household"]["members"]]
    for role, count in (expect.get("household") or {}).items():
        if roles.count(role) != count:
            failed.append(f"household: {count} x {role} expected, got {roles}")
    signal_types = [s["type"] for s in summary["safety"]["signals"]]
    failed += [
        f"safety signal {t} missing"
        for t in expect.get("safety_types", [])
        if t not in signal_types
    ]
    shown = " ".join(summary["safety"]["signposted"])
    failed += [
        f"{h} not signposted" for h in expect.get("signposted_include", []) if h not in shown
    ]
    support = summary["current_support"]
    failed += [
        f"support {s} missing" for s in expect.get("support_include", []) if s not in support
    ]
    if "max_turns" in expect and run.turns > expect["max_turns"]:
        failed.append(f"{run.turns} turns, at most {expect['max_turns']}")
    return failed
