"""The one renderer: keys to text per channel, variables, nested keys, dates, buttons."""

from __future__ import annotations

import pytest

from actions.intake.envelopes import ask, choose_payload, say, text_ref
from api.render import Audience, RenderError, payload_title, render_envelope, render_text
from content.loader import load_bank

WEB = Audience()
VOICE = Audience(channel="phone")


def test_a_question_renders_with_its_buttons_and_expectation() -> None:
    message = render_envelope(ask(load_bank(), "income.screen"), WEB)
    assert message["text"] == "Hoe gaat het met geld op dit moment?"
    assert message["key"] == "income.screen"
    assert [b["title"] for b in message["buttons"]] == ["Goed", "Gaat wel", "Niet goed", "Sla over"]
    assert message["buttons"][2]["payload"] == choose_payload("income.screen", "bad")
    assert message["expects"]["type"] == "choice"


def test_question_specific_button_titles_win() -> None:
    message = render_envelope(ask(load_bank(), "confirm.summary"), WEB)
    assert [b["title"] for b in message["buttons"]] == [
        "Ja, dat klopt",
        "Nee, ik wil iets veranderen",
        "Iets niet delen",
    ]


def test_channel_and_simple_variants() -> None:
    assert render_text("consent.share", {}, VOICE).endswith("Zeg ja of nee.")
    simple = render_envelope({**ask(load_bank(), "income.screen"), "simple": True}, WEB)
    assert simple["text"] == "Heeft u genoeg geld?"


def test_variables_globals_and_nested_keys() -> None:
    text = render_text("system.unavailable", {"code": "ACDE4679"}, WEB)
    assert "14 045" in text and "8.30 tot 17.00 uur" in text and text.endswith("code ACDE4679.")
    line = render_text(
        "readback.line",
        {"label": text_ref("debts.screen.label"), "value": text_ref("option.bad")},
        WEB,
    )
    assert line == "Schulden: Niet goed"


def test_dates_are_written_out_in_dutch() -> None:
    envelope = say("readback.line", label="Terugbellen", value={"date": "2026-11-24"})
    assert render_envelope(envelope, WEB)["text"] == "Terugbellen: dinsdag 24 november"


def test_unknown_keys_and_missing_variables_are_errors_not_silence() -> None:
    with pytest.raises(RenderError):
        render_text("no.such.key", {}, WEB)
    with pytest.raises(RenderError, match="reference"):
        render_text("intake.confirmed", {}, WEB)


def test_a_clicked_button_reads_as_its_title_in_the_transcript() -> None:
    assert payload_title(choose_payload("consent.share", "yes"), WEB) == "Ja"
    assert payload_title("/nonsense{", WEB) == "/nonsense{"


def test_money_reads_as_euros() -> None:
    envelope = say("readback.line", label="Schuld", value={"money": 12000})
    assert render_envelope(envelope, WEB)["text"] == "Schuld: € 12.000"
