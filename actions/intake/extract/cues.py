"""Which life domains a free text signals (content/patterns/domain_cues.yml)."""

from __future__ import annotations

from actions.intake.extract.phrases import keys


def domain_cues(text: str) -> list[str]:
    return keys("domain_cues", text)
