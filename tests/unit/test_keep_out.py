"""The resident keeps life domains out of the handoff: those answers are not passed on."""

from __future__ import annotations

from actions.intake import flow
from actions.intake.summary import build_summary
from api.summary_schema import problems
from tests.unit.test_crisis import filed
from tests.unit.test_turn import BANK, Conversation, opened


def at_confirm(story: str = "ik heb schulden en de huur is te laat") -> Conversation:
    c = opened(story)
    c.click("bad")  # debts
    c.click("so_so")  # housing
    c.answer_until("confirm.summary")
    return c


def readback_labels(c: Conversation) -> list[str]:
    readback = next(e for e in c.outcome.envelopes if e["key"] == "intake.readback")
    return [line["vars"]["label"]["key"] for line in readback["vars"]["readback"]]


def test_keeping_a_domain_out_drops_its_answers_and_reads_back_without_them() -> None:
    c = at_confirm()
    assert any(label.startswith("debts.") for label in readback_labels(c))
    c.click("keep_out")
    assert c.asked == "confirm.keep_out"
    options = c.outcome.envelopes[-1]["expects"]["options"]
    assert options[:2] == ["debts", "housing"]
    c.click("debts")
    assert c.keys[0] == "confirm.kept_out"
    assert c.asked == "confirm.summary"
    assert not any(label.startswith("debts.") for label in readback_labels(c))
    assert not any(qid.startswith("debts.") for qid in c.state.answers)
    # The slots of the dropped answers are cleared in Rasa too.
    assert "debts.screen" in c.outcome.changed

    summary = build_summary(BANK, c.state)
    assert summary["consent"]["not_to_share"] == ["debts"]
    assert "debts" not in [d["key"] for d in summary["domains"]]
    assert "housing" in [d["key"] for d in summary["domains"]]
    assert summary["request"]["most_important"] != "debts"
    assert problems(filed(summary)) == []


def test_a_kept_out_domain_is_never_asked_again() -> None:
    c = at_confirm()
    c.click("keep_out")
    c.click("debts")
    assert not any(qid.startswith("debts.") for qid in flow.planned(BANK, c.state))


def test_it_can_be_asked_in_words() -> None:
    c = at_confirm()
    c.say("ik wil iets niet delen", "deny", 0.8)
    assert c.asked == "confirm.keep_out"
    c.say("dat van de schulden", "inform", 0.9)
    assert c.state.not_to_share == ["debts"]
    c.click("yes")
    assert c.outcome.handoff


def test_words_that_name_no_domain_told_ask_again() -> None:
    c = at_confirm()
    c.click("keep_out")
    c.say("blabla", "out_of_scope", 0.9)
    assert c.asked == "confirm.keep_out"
    assert c.state.not_to_share == []


def test_dont_know_at_consent_is_not_a_no() -> None:
    c = Conversation()
    c.say("weet ik niet", "dont_know", 0.95)
    assert "consent.declined" not in c.keys
    assert c.asked == "consent.share"


def test_the_read_back_groups_domains_and_gathers_what_is_not_known() -> None:
    c = at_confirm()
    readback = next(e for e in c.outcome.envelopes if e["key"] == "intake.readback")
    lines = readback["vars"]["readback"]
    by_label = {line["vars"]["label"]["key"]: line["vars"]["value"] for line in lines}
    assert {"key": "debts.screen.label"} in by_label["readback.group.bad"]
    assert {"key": "housing.screen.label"} in by_label["readback.group.so_so"]
    # "weet ik niet" answers are one line, not one line each.
    assert len(by_label["readback.group.unknown"]) >= 2
    assert not any(v == "weet ik niet" for v in by_label.values())
    assert len(lines) < len(c.state.answers)


def test_a_kept_out_domain_leaves_the_grouped_line_but_not_the_others() -> None:
    c = at_confirm()
    c.click("keep_out")
    c.click("debts")
    readback = next(e for e in c.outcome.envelopes if e["key"] == "intake.readback")
    grouped = [str(line) for line in readback["vars"]["readback"]]
    assert not any("debts." in line for line in grouped)
    assert any("housing.screen.label" in line for line in grouped)
