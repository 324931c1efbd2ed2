"""What a check finds: an error fails the gate, a warning is a hint for the editor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    severity: Severity
    code: str
    message: str
    # The sentence it is about; None for a problem of the whole text (mean length, score).
    sentence: str | None = None
