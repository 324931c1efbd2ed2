"""Which life domains a free text signals, in the order the resident mentions them.

"we moeten uit ons huis. we hebben veel schulden" signals housing, then debts. The cue
words per domain are in content/patterns/domain_cues.yml; they are matched on lemmas and
on lower-case forms by phrases.py, so "schulden" finds "schuld".
"""

from __future__ import annotations

from actions.intake.extract.phrases import keys

# The 15 life domains, as in content/bank/domains and the summary contract.
DOMAINS = (
    "safety",
    "justice",
    "income",
    "debts",
    "housing",
    "physical_health",
    "mental_health",
    "substance_use",
    "daily_living",
    "caregiving",
    "parenting",
    "work_daytime",
    "social_network",
    "language_digital",
    "mobility",
)


def domain_cues(text: str) -> list[str]:
    """The domains `text` signals, each once, ordered by first mention; [] for none.

    A signal, not a finding: it decides which questions come first, never an outcome.
    """
    return keys("domain_cues", text)
