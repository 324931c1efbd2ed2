"""The word lists in content/patterns/*.yml, read once per process."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from content.loader import CONTENT_DIR, LANGUAGES, load_yaml


@functools.cache
def load(name: str) -> Any:
    """`content/patterns/<name>.yml`, with yes/no kept as text (see content.loader), and
    the same catalog in each other language (`content/patterns/<language>/<name>.yml`)
    merged into it: a resident may write in any language we speak, whichever language
    the conversation is in, and the lists are short enough to search together."""
    folder = CONTENT_DIR / "patterns"
    merged = _read(folder / f"{name}.yml")
    for language in LANGUAGES:
        translated = folder / language / f"{name}.yml"
        if translated.exists():
            merged = _merge(merged, _read(translated))
    return merged


@functools.cache
def load_dutch(name: str) -> Any:
    """Only the Dutch `content/patterns/<name>.yml`, for matching that allows typos."""
    return _read(CONTENT_DIR / "patterns" / f"{name}.yml")


def _read(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


def _merge(base: Any, extra: Any) -> Any:
    """Lists are joined (no repeats), mappings merged key by key."""
    if isinstance(base, dict) and isinstance(extra, dict):
        joined = dict(base)
        for key, value in extra.items():
            joined[key] = _merge(base[key], value) if key in base else value
        return joined
    if isinstance(base, list) and isinstance(extra, list):
        return list(dict.fromkeys([*base, *extra]))
    raise ValueError(f"a translated pattern list has another shape than the Dutch one: {extra!r}")


def words(items: object) -> list[str]:
    """A YAML list as lower-case strings: editors may write `1` or `Ja` as well."""
    return [str(item).lower() for item in items or []]


def contains(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as whole words, not inside another word."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None
