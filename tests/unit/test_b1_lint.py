"""The B1 gate catches what makes a text hard, and the real content passes it."""

from __future__ import annotations

import pytest

from content.lint.readability import flesch_douma, syllables
from content.lint.report import check_all, check_text, main
from content.loader import Variants, load_texts


def codes(text: str) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in check_text("k", "text", text).problems]


def test_fifteen_words_pass_sixteen_fail() -> None:
    fifteen = "Ik heb een vraag over de huur en ik wil graag dat u mij belt."
    assert len(fifteen.split()) == 16 - 1
    assert ("error", "long_sentence") not in codes(fifteen)
    sixteen = "Ik heb een vraag over de huur en ik wil graag dat u mij snel belt."
    assert ("error", "long_sentence") in codes(sixteen)


def test_mean_sentence_length_over_twelve_fails() -> None:
    text = "Ik heb een vraag over de huur en ik wil dat u mij belt. Ik ben thuis."
    assert ("error", "mean_length") not in codes(text)
    long_pair = "Ik heb een vraag over de huur en ik wil dat u mij belt. " * 2
    assert ("error", "mean_length") in codes(long_pair.strip())


@pytest.mark.parametrize(
    "text",
    ["U krijgt een beschikking.", "Er zijn twee beschikkingen.", "Uw eigen bijdrage is laag."],
)
def test_jargon_is_an_error_also_inflected(text: str) -> None:
    assert ("error", "jargon") in codes(text)


def test_rare_words_fail_unless_allowed() -> None:
    assert ("error", "rare_word") in codes("Wij doen een subsidiariteitstoets voor u.")
    assert ("error", "rare_word") not in codes("Bel 113 Zelfmoordpreventie of de huisartsenpost.")


def test_placeholders_and_numbers_are_not_words_to_check() -> None:
    assert codes("Uw nummer is {reference}. Bel 0800-0113.") == []


def test_passive_voice_is_a_hint_only() -> None:
    assert codes("De brief wordt gestuurd.") == [("warning", "passive")]


def test_flesch_douma_from_pyphen_syllables() -> None:
    assert syllables("gemeente") == 3 and syllables("huur") == 1
    # "De gemeente belt u morgen terug." 6 words, 1 sentence, 10 syllables.
    checked = check_text("k", "text", "De gemeente belt u morgen terug.")
    assert checked.score == pytest.approx(flesch_douma(6, 1, 10))
    assert checked.score == pytest.approx(206.835 - 0.93 * 6 - 77 * 10 / 6)


def test_hard_text_fails_reading_ease() -> None:
    text = (
        "Ondersteuningsmogelijkheden betreffende maatschappelijke participatie "
        "variëren aanzienlijk."
    )
    assert ("error", "reading_ease") in codes(text)


def test_all_content_passes_the_gate() -> None:
    report = check_all(load_texts("nl"))
    assert report.errors == [], [f"{c.key}: {p.message}" for c, p in report.errors[:10]]
    assert len(report.checked) > 200


def test_the_command_fails_on_a_bad_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], {"ok": Variants(text="Wij bellen u morgen.")}) == 0
    assert main([], {"bad": Variants(text="U ontvangt de beschikking.")}) == 1
    assert "beschikking" in capsys.readouterr().out
