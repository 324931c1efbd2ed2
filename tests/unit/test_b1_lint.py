"""The B1 gate catches what makes a text hard, and the real content passes it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from content.lint import Problem, check_all, check_text, main, measure
from content.lint.jargon import jargon
from content.lint.readability import flesch_douma, syllables
from content.lint.sentences import sentences
from content.lint.words import zipf
from content.loader import OWN_NAMES, Variants, load_texts

ROOT = Path(__file__).resolve().parents[2]


def codes(text: str) -> list[tuple[str, str]]:
    return [(p.severity, p.code) for p in check_text("k", "text", text)]


def test_check_text_gives_problems() -> None:
    problems = check_text("k", "text", "U ontvangt de beschikking.")
    assert problems and all(isinstance(p, Problem) for p in problems)
    assert problems[0].severity == "error" and problems[0].code == "jargon"


def test_fifteen_words_pass_sixteen_fail() -> None:
    fifteen = "Ik heb een vraag over de huur en ik wil graag dat u mij belt."
    sixteen = "Ik heb een vraag over de huur en ik wil graag dat u mij snel belt."
    assert measure("k", "text", fifteen).sentences[0].words == 15
    assert measure("k", "text", sixteen).sentences[0].words == 16
    assert ("error", "long_sentence") not in codes(fifteen)
    assert ("error", "long_sentence") in codes(sixteen)


def test_placeholders_count_as_one_word() -> None:
    fifteen = "Uw nummer is {reference} en wij bellen u op {date} om tien uur weer terug."
    assert measure("k", "text", fifteen).sentences[0].words == 15
    assert ("error", "long_sentence") not in codes(fifteen)
    sixteen = fifteen.replace("{date}", "{date} {time}")
    assert ("error", "long_sentence") in codes(sixteen)


def test_mean_sentence_length_over_twelve_fails() -> None:
    thirteen = "Ik heb een vraag over de huur en ik wil dat u belt."
    eleven = "Ik ben morgen de hele dag thuis, dus bel gerust."
    assert measure("k", "text", thirteen).sentences[0].words == 13
    assert ("error", "mean_length") not in codes(f"{thirteen} {eleven}")  # mean 12
    assert ("error", "mean_length") in codes(f"{thirteen} {thirteen}")  # mean 13
    assert ("error", "long_sentence") not in codes(f"{thirteen} {thirteen}")


def test_sentences_split_on_end_marks_and_lines() -> None:
    assert sentences("Bent u in gevaar? Bel 112. Of chat via 113.nl.\nDag") == [
        "Bent u in gevaar?",
        "Bel 112.",
        "Of chat via 113.nl.",
        "Dag",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "U krijgt een beschikking.",
        "Er zijn twee Beschikkingen.",
        "Hebben de indicaties een einde?",
        "Uw eigen bijdrage is laag.",
        "Wij sturen uw persoonsgegevens niet door.",
        "Dit is ten  behoeve van uw kind.",
        "U krijgt een wmo-indicatie.",
    ],
)
def test_jargon_is_an_error_also_inflected(text: str) -> None:
    assert ("error", "jargon") in codes(text)


def test_jargon_matches_whole_words_and_suggests_plain_words() -> None:
    assert ("error", "jargon") not in codes("Wij bellen u over de huur.")
    (problem,) = [p for p in check_text("k", "text", "De eigen bijdragen zijn laag.")]
    assert "wat u zelf betaalt" in problem.message


def test_jargon_list_has_the_officialese_we_agreed() -> None:
    required = {
        "beschikking",
        "maatwerkvoorziening",
        "indicatie",
        "voorliggende voorziening",
        "zelfredzaamheid",
        "participatiewet",
        "aanvraagformulier",
        "betreffende",
        "derhalve",
        "conform",
        "inzake",
        "middels",
        "teneinde",
        "ten behoeve van",
        "verstrekking",
        "eigen bijdrage",
        "toekenning",
        "aanvrager",
        "verzoeken",
        "ondergetekende",
        "woonachtig",
        "persoonsgegevens",
    }
    assert required <= set(jargon())
    assert len(jargon()) >= len(required) + 20
    assert jargon()["persoonsgegevens"] == "gegevens over u"


def test_rare_words_fail_unless_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ("error", "rare_word") in codes("Wij doen een subsidiariteitstoets voor u.")
    allowed = "Heeft u een bewindvoerder?"
    assert zipf("bewindvoerder") < 3
    assert codes(allowed) == []
    monkeypatch.setattr("content.lint.words.allowed", lambda: frozenset())
    assert codes(allowed) == [("error", "rare_word")]


def test_rare_compound_of_common_parts_is_a_warning() -> None:
    assert zipf("huurachterstand") < 3
    assert codes("Heeft u een huurachterstand?") == [("warning", "compound")]


def test_numbers_addresses_and_phone_numbers_are_not_words_to_check() -> None:
    text = "Uw nummer is {reference}. Bel 0800-0113 of 06 12345678. Mail naam@voorbeeld.nl."
    assert codes(text) == []
    assert measure("k", "text", "Mail naam@voorbeeld.nl.").sentences[0].words == 2


def test_passive_voice_is_a_hint_only() -> None:
    assert codes("De brief wordt gestuurd.") == [("warning", "passive")]
    assert codes("Uw vraag is doorgestuurd.") == [("warning", "passive")]
    assert codes("Het wordt beter.") == []
    assert codes("Wij sturen de brief.") == []


def test_flesch_douma_from_pyphen_syllables() -> None:
    assert syllables("gemeente") == 3 and syllables("huur") == 1 and syllables("{date}") == 1
    # de(1) ge-meen-te(3) belt(1) u(1) mor-gen(2) te-rug(2): 6 words, 1 sentence, 10 syllables.
    checked = measure("k", "text", "De gemeente belt u morgen terug.")
    assert (checked.words, len(checked.sentences), checked.syllables) == (6, 1, 10)
    assert checked.score == pytest.approx(flesch_douma(6, 1, 10))
    assert checked.score == pytest.approx(206.835 - 0.93 * 6 - 77 * 10 / 6)


def test_hard_text_fails_reading_ease() -> None:
    text = "Zij organiseren ondersteuning bij administratieve verplichtingen."
    assert ("error", "reading_ease") in codes(text)


def test_short_texts_are_measured_by_length_only() -> None:
    # Six words and more get a score; "Lezen, schrijven, taal en computer" (the design's
    # label, five words) is measured by length and words only.
    six = "Lezen, schrijven, rekenen, taal en computer"
    assert measure("k", "text", six).score == pytest.approx(
        206.835 - 0.93 * 6 - 77 * measure("k", "text", six).syllables / 6
    )
    assert ("error", "reading_ease") in codes(six)
    assert measure("k", "text", "Lezen, schrijven, taal en computer").score is None
    assert codes("Lezen, schrijven, taal en computer") == []
    assert codes("Ja") == [] and measure("k", "text", "Ja").score is None


def test_check_all_covers_every_variant_and_finds_the_worst_sentence() -> None:
    texts = {
        "easy": Variants(
            text="Wij bellen u morgen terug.",
            simple="Wij bellen u.",
            voice="Wij bellen u morgen.",
            sms="Wij bellen u morgen terug, tot dan.",
        ),
        "hard": Variants(text="Bijvoorbeeld de huur, energie of de zorgverzekering."),
    }
    report = check_all(texts)
    assert [(c.key, c.variant) for c in report.checked] == [
        ("easy", "text"),
        ("easy", "simple"),
        ("easy", "voice"),
        ("easy", "sms"),
        ("hard", "text"),
    ]
    worst = report.worst_sentence()
    assert worst is not None
    assert (worst[0].key, worst[1].text) == (
        "hard",
        "Bijvoorbeeld de huur, energie of de zorgverzekering.",
    )


def test_all_content_passes_the_gate() -> None:
    texts = load_texts("nl")
    report = check_all(texts)
    assert report.errors == [], [f"{c.key} [{c.variant}]: {p.message}" for c, p in report.errors]
    checked = {(c.key, c.variant) for c in report.checked}
    # Every Dutch text, except the languages' own names ("Polski"), which are not Dutch.
    dutch = [v for key, v in texts.items() if not key.startswith(OWN_NAMES)]
    assert len(checked) == sum(len(v.all_variants()) for v in dutch) > 200
    assert not any(c.key.startswith(OWN_NAMES) for c in report.checked)
    # Button labels are checked too: the shared ones and a question's own.
    assert ("option.yes", "text") in checked
    assert any(".option." in key and not key.startswith("option.") for key, _ in checked)


def test_the_command_fails_on_a_bad_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], {"ok": Variants(text="Wij bellen u morgen.")}) == 0
    assert "0 errors" in capsys.readouterr().out
    assert main([], {"bad": Variants(text="U ontvangt de beschikking.")}) == 1
    out = capsys.readouterr().out
    assert "bad [text]" in out and "beschikking" in out and "FAILED" in out
    assert main(["--json"], {"bad": Variants(text="U ontvangt de beschikking.")}) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["errors"] == 1
    assert report["texts"][0]["problems"][0]["code"] == "jargon"


def test_all_shows_passing_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([], {"ok": Variants(text="Wij bellen u morgen.")}) == 0
    assert "ok [text]" not in capsys.readouterr().out
    assert main(["--all"], {"ok": Variants(text="Wij bellen u morgen.")}) == 0
    assert "ok [text]" in capsys.readouterr().out


def test_the_command_passes_on_the_real_content() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "content.lint"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "0 errors" in result.stdout and "Worst sentence:" in result.stdout
