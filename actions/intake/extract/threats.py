"""Danger (content/patterns/crisis.yml) and threats to existence (threats.yml) in words."""

from __future__ import annotations

from actions.intake.extract.phrases import keys


def threats(text: str) -> list[str]:
    return keys("threats", text)


def crisis(text: str) -> list[str]:
    return keys("crisis", text)
