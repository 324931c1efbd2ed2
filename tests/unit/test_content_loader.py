"""The content loader: the real content loads, and an editor's mistake names file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from content.loader import CONTENT_DIR, ContentError, load_bank, load_texts

DOMAINS = {
    "safety": "veiligheid",
    "justice": "veiligheid",
    "income": "bestaanszekerheid",
    "debts": "bestaanszekerheid",
    "housing": "bestaanszekerheid",
    "physical_health": "zorg",
    "mental_health": "zorg",
    "substance_use": "zorg",
    "daily_living": "zorg",
    "caregiving": "zorg",
    "parenting": "meedoen",
    "work_daytime": "meedoen",
    "social_network": "meedoen",
    "language_digital": "meedoen",
    "mobility": "meedoen",
}


def test_the_bank_has_the_fifteen_life_domains_with_their_pillars() -> None:
    bank = load_bank()
    assert {key: d.pillar for key, d in bank.domains.items()} == DOMAINS
    for key, domain in bank.domains.items():
        screen = bank.question(f"{key}.screen")
        assert screen.options == ["good", "so_so", "bad", "skip"], key
        assert screen.yes_means in ("good", "bad"), key
        assert screen.text.simple, f"{key}.screen needs a simpler wording"
        assert domain.questions[0].id == f"{key}.screen"


def test_every_question_has_why_and_a_text() -> None:
    texts = load_texts()
    for question_id in load_bank().questions():
        assert texts[question_id].text
        assert texts[f"{question_id}.why"].text


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_a_wrong_type_is_reported_with_file_and_line(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "bank" / "domains" / "debts.yml"
    path.write_text(path.read_text().replace("type: choice", "type: keuze"))
    with pytest.raises(ContentError) as error:
        load_bank.__wrapped__(content)
    message = str(error.value)
    assert "debts.yml, line 6" in message
    assert "type" in message


def test_broken_yaml_is_reported_with_file_and_line(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "texts" / "nl" / "conversation.yml"
    path.write_text(path.read_text() + 'broken: "no end\n  next: [\n')
    with pytest.raises(ContentError, match=r"conversation\.yml, line \d+: this is not valid YAML"):
        load_texts.__wrapped__("nl", content)


def test_yes_and_no_stay_words_not_booleans() -> None:
    assert load_bank().question("consent.share").options == ["yes", "no", "more", "language"]


def test_a_label_for_an_unknown_option_is_refused(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "bank" / "topics" / "confirm.yml"
    path.write_text(path.read_text().replace('      no: "Nee, ik wil', '      maybe: "Nee, ik wil'))
    with pytest.raises(ContentError, match="unknown option 'maybe'"):
        load_bank.__wrapped__(content)
