"""The word lists in content/patterns/*.yml, read once per process."""

from __future__ import annotations

import functools
import re
from typing import Any

from content.loader import CONTENT_DIR, load_yaml


@functools.cache
def load(name: str) -> Any:
    """`content/patterns/<name>.yml`, with yes/no kept as text (see content.loader)."""
    return load_yaml((CONTENT_DIR / "patterns" / f"{name}.yml").read_text(encoding="utf-8"))


def words(items: object) -> list[str]:
    """A YAML list as lower-case strings: editors may write `1` or `Ja` as well."""
    return [str(item).lower() for item in items or []]


def contains(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as whole words, not inside another word."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None
