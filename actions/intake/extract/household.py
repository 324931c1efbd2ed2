"""Who lives in the household, with roles and ages, from the resident's own words.

"ik, mijn vriend en onze zoon van 13" → self, partner, child (13). Rule-based on purpose:
every rule can be read and extended in content/patterns/household.yml.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from actions.intake.extract.phrases import nlp
from content.loader import CONTENT_DIR, load_yaml

PLURAL_CHILD = {"kinderen", "kids", "kinders", "jongens", "meisjes", "tweeling"}


@dataclass(frozen=True)
class Member:
    role: str
    age: int | None = None
    note: str | None = None


@functools.cache
def _patterns() -> dict:
    return load_yaml((CONTENT_DIR / "patterns" / "household.yml").read_text(encoding="utf-8"))


def _role_of(word: str) -> str | None:
    for role, words in _patterns()["roles"].items():
        if word in words:
            return role
    if len(word) >= 4:
        every = {w: role for role, words in _patterns()["roles"].items() for w in words}
        close = difflib.get_close_matches(word, list(every), n=1, cutoff=0.85)
        if close:
            return every[close[0]]
    return None


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """Words and their lemmas from spaCy's blank Dutch pipeline (lookup lemmas)."""
    doc = nlp()(text.lower())
    kept = [t for t in doc if not t.is_punct and not t.is_space]
    return [t.text for t in kept], [t.lemma_ or t.text for t in kept]


def parse_household(text: str) -> list[Member]:
    tokens, lemmas = _tokens(text)
    numbers = _patterns()["numbers"]
    members: list[Member] = []
    self_age: int | None = None
    shared_age = any(word in tokens for word in _patterns()["both"])
    i = 0
    while i < len(tokens):
        word = tokens[i]
        role = None if word.isdigit() else (_role_of(word) or _role_of(lemmas[i]))
        if role is None:
            # "ik ben 74", "ik 74 jaar": the resident's own age.
            if (
                word == "ben"
                and i + 1 < len(tokens)
                and tokens[i + 1].isdigit()
                and i >= 1
                and tokens[i - 1] == "ik"
            ):
                self_age = int(tokens[i + 1])
            i += 1
            continue
        count = 1
        if role == "child" and word in PLURAL_CHILD:
            before = tokens[i - 1] if i else ""
            count = numbers.get(before) or (int(before) if before.isdigit() else 0)
        ages = _ages_after(tokens, i + 1)
        if role == "child" and word in PLURAL_CHILD and not count:
            count = max(len(ages), 1)
        for n in range(count):
            members.append(Member(role, ages[n] if n < len(ages) else None))
        i += 1
    if shared_age:
        age = next((int(t) for t in tokens if t.isdigit()), None)
        self_age = self_age or age
        members = [Member(m.role, m.age if m.age is not None else age) for m in members]
    return [Member("self", self_age), *_dedupe(members)]


def _ages_after(tokens: list[str], start: int) -> list[int]:
    """Ages right after a role: "zoon van 13", "kinderen van 6 en 9", "dochter (14)"."""
    ages: list[int] = []
    i = start
    if i < len(tokens) and tokens[i] == "van":
        i += 1
        while i < len(tokens) and (tokens[i].isdigit() or tokens[i] in ("en", "jaar")):
            if tokens[i].isdigit() and int(tokens[i]) <= 120:
                ages.append(int(tokens[i]))
            i += 1
    elif i < len(tokens) and tokens[i].isdigit() and int(tokens[i]) <= 120:
        ages.append(int(tokens[i]))
    return ages


def _dedupe(members: list[Member]) -> list[Member]:
    # "mijn man" twice in one story is one man: partners and parents are counted once each.
    seen_partner = False
    result = []
    for member in members:
        if member.role == "partner":
            if seen_partner:
                continue
            seen_partner = True
        result.append(member)
    return result
