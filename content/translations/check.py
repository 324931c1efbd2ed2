"""Is every text translated, current, and whole? The gate `make test` runs.

Per language, per entry of the template (the Dutch source):
- missing: no translation;
- outdated: the Dutch text changed since it was translated (fuzzy after `update`, or
  a catalog that was not updated at all);
- placeholders: every `{name}` of the Dutch text, no more and no fewer;
- numbers: every number of the Dutch text (113, 112, 0800-0113: a crisis line must
  never be lost in translation);
- line breaks: the read-back and lists keep their lines;
- buttons: the options of one question must still read differently.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

from content.translations.catalog import (
    LOCALE_DIR,
    TRANSLATED,
    VARIANT_MARK,
    po_path,
    read_catalog,
    template,
)

NUMBER = re.compile(r"\d+(?:[-.]\d+)*")


@dataclass(frozen=True)
class Problem:
    language: str
    context: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.language} {self.context}: {self.kind}{detail}"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def numbers(text: str) -> list[str]:
    # Placeholders are not numbers; formatting them away first keeps `{0}` out.
    return sorted(NUMBER.findall(re.sub(r"\{[^}]*\}", "", text)))


def _entry_problems(language: str, ctxt: str, source: str, translated: str) -> list[Problem]:
    found = []
    if placeholders(source) != placeholders(translated):
        found.append(
            Problem(
                language,
                ctxt,
                "placeholders differ",
                f"{sorted(placeholders(source))} != {sorted(placeholders(translated))}",
            )
        )
    if numbers(source) != numbers(translated):
        found.append(
            Problem(language, ctxt, "numbers differ", f"{numbers(source)} != {numbers(translated)}")
        )
    if source.count("\n") != translated.count("\n"):
        found.append(Problem(language, ctxt, "line breaks differ"))
    return found


def _button_problems(language: str, titles: dict[str, dict[str, str]]) -> list[Problem]:
    found = []
    for question, options in titles.items():
        seen: dict[str, str] = {}
        for option, title in options.items():
            folded = title.strip().casefold()
            if folded in seen:
                found.append(
                    Problem(
                        language,
                        f"{question}.option.{option}",
                        "two buttons read the same",
                        f"{seen[folded]} and {option}: {title!r}",
                    )
                )
            seen[folded] = option
    return found


def check_catalog(language: str, catalog: Catalog, source: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    titles: dict[str, dict[str, str]] = defaultdict(dict)
    by_context = {message.context: message for message in catalog if message.id}
    for wanted in source:
        if not wanted.id:
            continue
        ctxt = wanted.context
        have = by_context.get(ctxt)
        if have is None or not have.string:
            problems.append(Problem(language, ctxt, "missing"))
            continue
        if have.fuzzy or have.id != wanted.id:
            problems.append(Problem(language, ctxt, "outdated", "the Dutch text changed"))
            continue
        problems.extend(_entry_problems(language, ctxt, wanted.id, have.string))
        if ".option." in ctxt and VARIANT_MARK not in ctxt:
            question, option = ctxt.rsplit(".option.", 1)
            titles[question][option] = have.string
    problems.extend(_button_problems(language, titles))
    return problems


def check(languages: tuple[str, ...] = TRANSLATED, locale_dir: Path = LOCALE_DIR) -> list[Problem]:
    source = template()
    problems: list[Problem] = []
    for language in languages:
        path = po_path(language, locale_dir)
        if not path.exists():
            problems.append(Problem(language, str(path), "no catalog"))
            continue
        problems.extend(check_catalog(language, read_catalog(path, language), source))
    return problems
