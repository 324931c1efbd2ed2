"""The catalogs of the resident's languages: complete, current, and whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from api.render import Audience, button_title, render_envelope, render_text, text_for
from content.loader import LANGUAGES, OWN_NAMES, SOURCE_LANGUAGE, load_bank, load_texts
from content.translations import catalog as catalogs
from content.translations.check import check, check_catalog, numbers, placeholders

TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def source(*entries: tuple[str, str]) -> Catalog:
    made = Catalog(locale="nl", domain="voordeur")
    for ctxt, text in entries:
        made.add(text, context=ctxt)
    return made


def translated(*entries: tuple[str, str, str], fuzzy: str | None = None) -> Catalog:
    made = Catalog(locale="en", domain="voordeur")
    for ctxt, text, string in entries:
        made.add(text, string, context=ctxt, flags=("fuzzy",) if ctxt == fuzzy else ())
    return made


def kinds(found: list) -> list[tuple[str, str]]:
    return [(p.context, p.kind) for p in found]


def test_a_complete_catalog_has_no_problems() -> None:
    dutch = source(("a", "Bel {phone}."), ("b", "Hallo."))
    english = translated(("a", "Bel {phone}.", "Call {phone}."), ("b", "Hallo.", "Hello."))
    assert check_catalog("en", english, dutch) == []


def test_missing_and_empty_translations_are_reported() -> None:
    dutch = source(("a", "Eén."), ("b", "Twee."))
    english = translated(("a", "Eén.", ""))
    assert kinds(check_catalog("en", english, dutch)) == [("a", "missing"), ("b", "missing")]


def test_a_changed_dutch_text_makes_its_translation_outdated() -> None:
    dutch = source(("a", "Heeft u schulden?"), ("b", "Hallo."))
    english = translated(
        ("a", "Heeft u veel schulden?", "Do you have a lot of debt?"),
        ("b", "Hallo.", "Hello."),
        fuzzy="b",
    )
    assert kinds(check_catalog("en", english, dutch)) == [("a", "outdated"), ("b", "outdated")]


def test_placeholders_numbers_and_lines_must_survive() -> None:
    dutch = source(
        ("p", "Uw nummer is {reference}."),
        ("n", "Bel 113 of 0800-0113."),
        ("l", "Ik heb dit opgeschreven:\n{readback}"),
    )
    english = translated(
        ("p", "Uw nummer is {reference}.", "Your number is {referentie}."),
        ("n", "Bel 113 of 0800-0113.", "Call 113."),
        ("l", "Ik heb dit opgeschreven:\n{readback}", "I wrote this down: {readback}"),
    )
    assert kinds(check_catalog("en", english, dutch)) == [
        ("p", "placeholders differ"),
        ("n", "numbers differ"),
        ("l", "line breaks differ"),
    ]
    assert placeholders("{a} en {b}") == {"a", "b"}
    assert numbers("Bel {x} of 0800-0113 en 112") == ["0800-0113", "112"]


def test_two_buttons_of_one_question_may_not_read_the_same() -> None:
    dutch = source(("q.option.good", "Goed"), ("q.option.so_so", "Gaat wel"))
    english = translated(("q.option.good", "Goed", "Fine"), ("q.option.so_so", "Gaat wel", "fine"))
    assert kinds(check_catalog("en", english, dutch)) == [
        ("q.option.so_so", "two buttons read the same")
    ]


def test_a_language_without_a_catalog_is_reported(tmp_path: Path) -> None:
    assert kinds(check(("en",), tmp_path)) == [
        (str(catalogs.po_path("en", tmp_path)), "no catalog")
    ]


def test_the_template_holds_every_text_and_variant_but_no_language_names() -> None:
    contexts = {message.context for message in catalogs.template() if message.id}
    texts = load_texts()
    for key, variants in texts.items():
        for variant in variants.all_variants():
            wanted = catalogs.context(key, variant)
            assert (wanted in contexts) != key.startswith(OWN_NAMES), wanted


def test_the_catalogs_in_the_repository_are_complete() -> None:
    # The same gate as `python -m content.translations check` in `make test`.
    assert [str(problem) for problem in check()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_question_and_button_renders_in_each_language(language: str) -> None:
    audience = Audience(language=language)
    dutch = Audience()
    bank = load_bank()
    same = 0
    for question in bank.questions().values():
        text = render_text(question.id, {}, audience) if "{" not in question.text.text else ""
        same += text == render_text(question.id, {}, dutch)
        for option in question.options:
            assert button_title(question.id, option, audience)
    # Names and numbers may read the same; whole questions may not stay Dutch.
    assert same <= 2
    assert text_for("language.name.pl", audience) == "Polski"


def test_a_message_can_be_shown_in_another_language_than_the_conversation() -> None:
    envelope = {"key": "language.suggest", "language": "ar", "expects": {"question": "x"}}
    shown = render_envelope(envelope, Audience(language="nl"))
    assert shown["language"] == "ar"
    assert shown["direction"] == "rtl"
    assert shown["text"] == text_for("language.suggest", Audience(language="ar"))
    assert render_envelope({"key": "intake.thanks"}, Audience())["direction"] == "ltr"
