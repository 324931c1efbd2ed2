"""The six personas of ../shared/personas pass through the public chat API, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, require
from tests.e2e.conftest import ON_DUTY
from tests.support.chat import Chat
from tests.support.mailbox import Inbox
from tests.support.personas import Persona, check_expectations, fetch_summary, hold_intake
from tests.support.services import Stack

pytestmark = pytest.mark.e2e

PERSONAS = sorted((SHARED / "personas").glob("*.yml"))
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "personas"


@pytest.mark.parametrize("path", PERSONAS, ids=[p.stem for p in PERSONAS])
def test_persona(path: Path, stack: Stack, staff_token: str, mailbox: Inbox) -> None:
    require(path.exists(), "../shared/personas is not beside the checkout")
    persona = Persona.load(path)
    with Chat(stack.api_url) as chat:
        run = hold_intake(chat, persona)
    run.summary = fetch_summary(stack.api_url, staff_token, chat.last["state"]["reference"])
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{path.stem}.txt").write_text(
        "\n".join(run.transcript) + f"\n\nturns: {run.turns}\n", encoding="utf-8"
    )
    # The summary as the front office receives it, for reading and for page fixtures.
    (OUTPUT / f"{path.stem}.summary.json").write_text(
        json.dumps(run.summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    if persona.expect.get("urgency") == "acute":
        # The on-duty front office hears of it at once, by mail, without personal data.
        mail = mailbox.wait_for_subject(run.summary["reference"])
        assert mail["To"] == ON_DUTY
        assert str(run.summary["contact"]["phone"]) not in mail.get_payload()
    failed = check_expectations(run)
    assert not failed, f"{persona.name} ({run.turns} turns): " + "; ".join(failed)
