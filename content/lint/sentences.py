"""Sentences and words of a text, as the checks count them.

Every token is one word. Placeholders (`{reference}`), numbers, phone numbers, e-mail
addresses and web addresses are words for the length counts, but not words to look up:
they are never rare and never jargon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["placeholder", "email", "web", "phone", "number", "word"]

_PATTERNS: dict[Kind, str] = {
    "placeholder": r"\{[A-Za-z_][\w.]*\}",
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "web": r"(?:https?://|www\.)[^\s]*[\w/]"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|eu|info)\b(?:/[^\s]*[\w/])?",
    # 0800-0113, 06 12345678, +31 45 123 45 67: digits with spaces or dashes, 7+ long.
    "phone": r"\+?\d[\d -]{5,}\d",
    "number": r"\d+(?:[.,:]\d+)*",
    "word": r"\w+(?:['’-]\w+)*",
}
_TOKEN = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _PATTERNS.items()))
# A sentence ends at . ! ? or … followed by space (a closing quote may come between),
# and at every line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"”’)])\s+|\s*\n+\s*")


@dataclass(frozen=True)
class Token:
    text: str
    kind: Kind

    @property
    def is_word(self) -> bool:
        """A real word, to look up in the word lists (not a number, address or placeholder)."""
        return self.kind == "word" and any(ch.isalpha() for ch in self.text)


def tokens(sentence: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(sentence):
        kind = match.lastgroup
        assert kind is not None
        found.append(Token(match.group(), kind))  # type: ignore[arg-type]
    return found


def words(sentence: str) -> list[str]:
    return [token.text for token in tokens(sentence)]


def sentences(text: str) -> list[str]:
    parts = (part.strip() for part in _SENTENCE_END.split(text.strip()))
    return [part for part in parts if part and _TOKEN.search(part)]
