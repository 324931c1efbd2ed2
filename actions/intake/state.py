"""The intake's state, as kept in Rasa slots between turns.

Each question of the bank has its own slot (`Question.slot`) holding an `Answer`;
`intake_meta` holds the rest (what was asked, in which order, and signals found).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

META_SLOT = "intake_meta"
CLOSED_SLOT = "intake_closed"


@dataclass
class Answer:
    # "answered", "skipped" (the resident chose not to say) or "unknown" ("weet ik niet").
    status: str
    value: Any = None
    # The resident's own words, kept as written: the front office reads them.
    text: str | None = None

    def as_slot(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_slot(cls, raw: Any) -> Answer | None:
        if not isinstance(raw, dict) or "status" not in raw:
            return None
        return cls(status=raw["status"], value=raw.get("value"), text=raw.get("text"))


@dataclass
class IntakeState:
    answers: dict[str, Answer] = field(default_factory=dict)
    # Question ids in the order they were asked: "terug" walks this back.
    asked: list[str] = field(default_factory=list)
    current: str | None = None
    # Life domains signalled in free text, in order of first mention.
    cues: list[str] = field(default_factory=list)
    # How often the current question was not understood: after two, rephrase and move on.
    misses: int = 0
    # After "Klopt dit?" → "nee": the question being corrected returns to the read-back.
    correcting: bool = False
    consent_at: str | None = None
    reference: str | None = None
    turns: int = 0
    # The household as understood from the resident's words: [{role, age, note}].
    household: list[dict[str, Any]] = field(default_factory=list)
    # Threats found in anything the resident wrote: [{type, quote}].
    signals: list[dict[str, Any]] = field(default_factory=list)
    # The planned callback: {date, part_of_day}.
    callback: dict[str, str] | None = None
    language: str = "nl"
    # Another language is offered once, from the first story written in it; the offer
    # names the language it found until the resident answers.
    language_offered: bool = False
    suggested_language: str | None = None
    # Helplines the resident was shown (for the summary's safety.signposted).
    signposted: list[str] = field(default_factory=list)
    # Life domains the resident keeps out of the handoff: their answers are dropped.
    not_to_share: list[str] = field(default_factory=list)

    def meta(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "current": self.current,
            "cues": self.cues,
            "misses": self.misses,
            "correcting": self.correcting,
            "consent_at": self.consent_at,
            "reference": self.reference,
            "turns": self.turns,
            "household": self.household,
            "signals": self.signals,
            "callback": self.callback,
            "language": self.language,
            "language_offered": self.language_offered,
            "suggested_language": self.suggested_language,
            "signposted": self.signposted,
            "not_to_share": self.not_to_share,
        }

    @classmethod
    def from_slots(cls, slots: dict[str, Any], slot_of: dict[str, str]) -> IntakeState:
        """`slot_of` maps question id → slot name (from the bank)."""
        meta = slots.get(META_SLOT) or {}
        answers = {}
        for question_id, slot in slot_of.items():
            answer = Answer.from_slot(slots.get(slot))
            if answer is not None:
                answers[question_id] = answer
        return cls(
            answers=answers,
            asked=list(meta.get("asked", [])),
            current=meta.get("current"),
            cues=list(meta.get("cues", [])),
            misses=int(meta.get("misses", 0)),
            correcting=bool(meta.get("correcting", False)),
            consent_at=meta.get("consent_at"),
            reference=meta.get("reference"),
            turns=int(meta.get("turns", 0)),
            household=list(meta.get("household", [])),
            signals=list(meta.get("signals", [])),
            callback=meta.get("callback"),
            language=str(meta.get("language", "nl")),
            language_offered=bool(meta.get("language_offered", False)),
            suggested_language=meta.get("suggested_language"),
            signposted=list(meta.get("signposted", [])),
            not_to_share=list(meta.get("not_to_share", [])),
        )

    def status_of(self, domain: str) -> str | None:
        """The screening answer of a life domain, as a machine value (good/so_so/bad)."""
        return self.value(f"{domain}.screen")

    def flagged(self) -> list[str]:
        """Life domains whose screening showed a concern or a problem, in the order asked."""
        return [
            qid.split(".")[0]
            for qid in self.asked
            if qid.endswith(".screen") and self.value(qid) in ("so_so", "bad")
        ]

    def has_children(self) -> bool:
        return any(member.get("role") == "child" for member in self.household)

    def value(self, question_id: str) -> Any:
        answer = self.answers.get(question_id)
        return answer.value if answer and answer.status == "answered" else None
