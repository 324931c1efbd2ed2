"""From the Dutch source texts to message catalogs, and from catalogs back to texts.

One catalog entry per text variant: the message context is the content key (with
`#simple`, `#voice` or `#sms` for a variant), the message id is the Dutch text. So a
change to a Dutch sentence makes its translation outdated (Babel marks it fuzzy on
`update`), and a translation never follows a key to a different sentence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from content.loader import (
    CONTENT_DIR,
    LANGUAGES,
    OWN_NAMES,
    SOURCE_LANGUAGE,
    Variants,
    load_texts,
)

DOMAIN = "voordeur"
LOCALE_DIR = CONTENT_DIR / "locale"
TRANSLATED = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)
# Languages written right to left: the widget turns its direction around for these.
RIGHT_TO_LEFT = frozenset({"ar"})
VARIANT_MARK = "#"


def context(key: str, variant: str) -> str:
    return key if variant == "text" else f"{key}{VARIANT_MARK}{variant}"


def source_entries(content_dir: Path = CONTENT_DIR) -> Iterator[tuple[str, str]]:
    """(context, Dutch text) for every resident-facing text and variant, in key order."""
    for key, variants in sorted(load_texts(SOURCE_LANGUAGE, content_dir).items()):
        if key.startswith(OWN_NAMES):
            continue
        for variant, text in variants.all_variants().items():
            yield context(key, variant), text


def template(content_dir: Path = CONTENT_DIR) -> Catalog:
    catalog = Catalog(
        locale=SOURCE_LANGUAGE,
        domain=DOMAIN,
        project="Voordeur",
        msgid_bugs_address="",
        copyright_holder="Voordeur",
        fuzzy=False,
    )
    for ctxt, text in source_entries(content_dir):
        catalog.add(text, context=ctxt)
    return catalog


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return po_path(language, locale_dir).with_suffix(".mo")


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write_catalog(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        # In key order (the template adds them so, `update` keeps the template's order):
        # a question's text, its variants, label and options stay together for a translator.
        write_po(handle, catalog, width=100, omit_header=False)


def compile_catalog(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """The .mo the runtime reads; fuzzy (outdated) entries are left out on purpose."""
    catalog = read_catalog(po_path(language, locale_dir), language)
    target = mo_path(language, locale_dir)
    with target.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return target


@functools.cache
def translations(language: str, locale_dir: Path = LOCALE_DIR) -> Translations | None:
    """The compiled catalog of a language, or None when it has not been compiled."""
    path = mo_path(language, locale_dir)
    source = po_path(language, locale_dir)
    if not source.exists():
        return None
    if not path.exists() or path.stat().st_mtime < source.stat().st_mtime:
        # `make` compiles; a process started without it (a fresh checkout, a translator
        # trying a change) compiles once rather than speak Dutch or stale words.
        compile_catalog(language, locale_dir)
    with path.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def translate(source: dict[str, Variants], language: str) -> dict[str, Variants]:
    """The Dutch texts in `language`; a text without a (current) translation stays Dutch.

    `python -m content.translations check` (part of `make test`) fails on any such text,
    so the fallback only protects a resident from a content editor's half-done change.
    """
    catalog = translations(language)
    if catalog is None:
        return dict(source)
    translated: dict[str, Variants] = {}
    for key, variants in source.items():
        values = {
            variant: catalog.pgettext(context(key, variant), text)
            for variant, text in variants.all_variants().items()
        }
        translated[key] = Variants(**values)
    return translated
