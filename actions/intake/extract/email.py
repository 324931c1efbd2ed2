"""E-mail addresses in free text, lower-cased: "Kim.Hermans@Voorbeeld.nl" is one address."""

from __future__ import annotations

import re

# Deliberately simple: a local part of letters, digits and ._%+- without two dots in a row,
# "@" (residents sometimes type a space around it), and a domain with a dot and a top-level
# domain of two letters or more. Not starting inside another word or address.
_EMAIL = re.compile(
    r"(?<![\w.%+-])"
    r"(?P<local>[\w%+-]+(?:\.[\w%+-]+)*)"
    r"\s?@\s?"
    r"(?P<domain>(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})"
    r"(?![\w@-]|\.[^\W_])"
)


def find_email(text: str) -> str | None:
    match = _EMAIL.search(text)
    if match is None:
        return None
    return f"{match.group('local')}@{match.group('domain')}".lower()
