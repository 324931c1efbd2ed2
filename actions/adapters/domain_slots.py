"""Writes bot/domain/questions.yml: one Rasa slot per question of the bank.

The bank in content/ is the source; this file is generated so the two never drift.
`python -m actions.adapters.domain_slots` writes it, `--check` fails when it is stale
(make test runs the check).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from content.loader import load_bank

TARGET = Path(__file__).resolve().parents[2] / "bot" / "domain" / "questions.yml"
HEADER = (
    "# Generated from content/bank by `python -m actions.adapters.domain_slots`. Do not edit.\n"
)


def render() -> str:
    slots = {
        question.slot: {
            "type": "any",
            "influence_conversation": False,
            # Filled by validate_intake_form, never by Rasa's own slot mappings.
            "mappings": [{"type": "custom"}],
        }
        for question in load_bank().questions().values()
    }
    body = yaml.safe_dump({"version": "3.1", "slots": slots}, sort_keys=True, allow_unicode=True)
    return HEADER + body


def main(argv: list[str]) -> int:
    wanted = render()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != wanted:
            print(f"{TARGET} is out of date: run python -m actions.adapters.domain_slots")
            return 1
        return 0
    TARGET.write_text(wanted, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
