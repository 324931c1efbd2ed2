"""Numbers in the resident's words: amounts of money, ages and counts.

"ongeveer 12000 euro", "€ 3.500", "3,5k", "twaalfduizend euro", "1200,-"; "ik ben 74";
"met z'n vieren". Number words and the words around numbers are in
content/patterns/numbers.yml.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from actions.intake.extract import patterns

# Digits with Dutch thousands dots ("12.000") or plain ("12000"), then cents or ",-".
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?:,(?P<cents>\d{1,2})(?!\d)|,-|\.(?P<decimals>\d{1,2})(?![\d.]))?"
    r"(?![\d/]|[-.:]\d)"
)
# "12 000 euro", "€ 12 000": spaces between thousands, only when it is clearly money.
_SPACED = re.compile(r"(?<=€)\s*\d{1,3}(?: \d{3})+\b|\b\d{1,3}(?: \d{3})+(?=\s*(?:euro|eur|€))")
# The most digits a number may have: larger is no amount, age or count a resident types.
MAX_DIGITS = 9
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+|€|%")


def _plain(word: str) -> str:
    """Without accents and hyphens: "tweeëntwintig" and "vier-en-zeventig" parse alike."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", "")


@functools.cache
def _vocab() -> dict:
    return patterns.load("numbers")


@functools.cache
def _table(name: str) -> dict[str, int]:
    return {_plain(str(word)): int(value) for word, value in _vocab()[name].items()}


@functools.cache
def _list(name: str) -> tuple[str, ...]:
    return tuple(patterns.words(_vocab()[name]))


def _below_hundred(word: str) -> int | None:
    for name in ("units", "teens", "tens"):
        if word in _table(name):
            return _table(name)[word]
    for unit, value in _table("units").items():
        if value and word.startswith(unit):
            rest = word[len(unit) :]
            for conjunction in _list("and"):
                tens = rest.removeprefix(_plain(conjunction))
                if tens != rest and tens in _table("tens"):
                    return value + _table("tens")[tens]
    return None


def _below_thousand(word: str) -> int | None:
    # "vijftienhonderd" is 1500: Dutch counts hundreds past ten.
    for hundred in _list("hundred"):
        if hundred in word:
            left, _, right = word.partition(hundred)
            times = 1 if not left else _below_hundred(left)
            rest = 0 if not right else _below_hundred(right.removeprefix("en"))
            return None if times is None or rest is None else times * 100 + rest
    return _below_hundred(word)


@functools.lru_cache(maxsize=4096)
def number_word(word: str) -> int | None:
    """A Dutch number written out: "drie" 3, "vierenzeventig" 74, "twaalfduizend" 12000."""
    plain = _plain(word)
    if not plain.isalpha():
        return None
    for name, size in (("million", 1_000_000), ("thousand", 1000)):
        for marker in _list(name):
            if marker in plain:
                left, _, right = plain.partition(marker)
                times = 1 if not left else number_word(left)
                rest = 0 if not right else number_word(right.removeprefix("en"))
                if times is None or rest is None:
                    return None
                return times * size + rest
    return _below_thousand(plain)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_unknown(text: str) -> bool:
    padded = f" {' '.join(_words(text))} "
    return any(f" {phrase} " in padded for phrase in _list("unknown"))


@dataclass(frozen=True)
class _Amount:
    value: Decimal
    money: bool  # a euro sign, "euro", "k", ",-" or cents: certainly money


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _multiplier(after: list[str]) -> int | None:
    return int(_vocab()["multipliers"][after[0]]) if after and after[0] in _multipliers() else None


@functools.cache
def _multipliers() -> frozenset[str]:
    return frozenset(str(word) for word in _vocab()["multipliers"])


def _digit_amounts(text: str) -> list[_Amount]:
    """Amounts written in digits, in the order they appear."""
    text = _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    found = []
    for match in _NUMBER.finditer(text):
        whole = match.group("whole")
        if len(whole.replace(".", "")) > MAX_DIGITS:
            continue
        if len(whole) > 1 and whole.startswith("0"):
            continue  # "06 ...", "045 ...": the start of a phone number, not money
        fraction = match.group("cents") or match.group("decimals") or ""
        value = Decimal(whole.replace(".", "") + ("." + fraction if fraction else ""))
        before = _words(text[max(0, match.start() - 20) : match.start()])[-2:]
        after = _words(text[match.end() : match.end() + 30])[:2]
        # "3,5k" is 3500: the k (or "duizend", "ton") multiplies the whole number.
        times = _multiplier(after)
        if before and before[-1] in _list("vague"):
            continue
        money = bool(
            times
            or match.group(0).endswith(",-")
            or match.group("cents")
            or any(word in _list("currency") for word in [*before[-1:], *after[:1]])
        )
        if not money and after and after[0] in _list("not_money_after"):
            continue
        found.append(_Amount(value * (times or 1), money))
    return found


def _word_amounts(text: str) -> list[_Amount]:
    """Amounts written out: "twaalfduizend euro", "drie duizend vijfhonderd"."""
    words = _words(text)
    found = []
    i = 0
    while i < len(words):
        run = i
        while run < len(words) and number_word(words[run]) is not None:
            run += 1
        if run == i:
            i += 1
            continue
        value = number_word("".join(words[i:run]))
        after = words[run : run + 1]
        before = words[i - 1] if i else ""
        times = _multiplier(after) if after and number_word(after[0]) is None else None
        money = bool(times) or bool(after and after[0] in _list("currency"))
        big = value is not None and value >= 100
        if value is not None and before not in _list("vague") and (money or big):
            found.append(_Amount(Decimal(value * (times or 1)), money))
        i = run
    return found


def parse_amount(text: str) -> int | None:
    """Euros, rounded to whole euros; the first amount that is certainly money wins.

    A bare number counts too ("12000"), unless a word after it says it is something else
    ("3 kinderen", "2 jaar"). "geen" on its own is 0: no debts, no income; "geen idee" is
    None.
    """
    lowered = text.lower()
    digits = _digit_amounts(lowered)
    words = _word_amounts(lowered)
    for amount in [*digits, *words]:
        if amount.money:
            return _round(amount.value)
    for amount in [*digits, *words]:
        return _round(amount.value)
    return 0 if _says_zero(text) and not _is_unknown(text) else None


def _says_zero(text: str) -> bool:
    """ "geen", "nul", "niks", "geen schulden": a short answer that starts with none."""
    words = _words(text)
    return 0 < len(words) <= 4 and (words[0] in _list("zero") or words == ["0"])


def as_int(word: str) -> int | None:
    """Digits or a Dutch number word as a number; None for anything else.

    Ten digits or more is no count, age or amount a resident types; Python would also
    refuse to read a thousands-digit string.
    """
    if word.isdecimal():
        return int(word) if len(word) <= MAX_DIGITS else None
    return number_word(word)


def parse_age(text: str, today: date | None = None) -> int | None:
    """An age in years: "74", "ik ben 74", "74 jaar", "vierenzeventig", "geboren in 1950".

    A number followed by another word ("3 kinderen") is not an age; "74 jaar" and
    "ik ben 74" are preferred over a bare number.
    """
    words = _words(text)
    born = _born(text, today or date.today())
    if born is not None:
        return born
    after_age = {w for phrase in _list("age_after") for w in phrase.split()}
    bare = None
    for i, word in enumerate(words):
        value = as_int(word)
        if value is None or value > int(_vocab()["max_age"]):
            continue
        if i + 1 < len(words) and words[i + 1] in _list("vague"):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i else ""
        if nxt in after_age:
            return value
        # "een" is more often "a" than "one": an age only with "jaar" after it.
        if _plain(word) == "een":
            continue
        if prev in ("ben", "word", "wordt", "is"):
            return value
        if bare is None and (not nxt or nxt in ("en", "of", "maar", "ik", "dus")):
            bare = value
    return bare


def _born(text: str, today: date) -> int | None:
    """ "geboren in 1950", "geb. 12-03-1950": the age counted from the birth date."""
    lowered = text.lower()
    if not any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in _list("born")):
        return None
    if full := re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", lowered):
        day, month, year = (int(part) for part in full.groups())
        try:
            birthday = date(year, month, day)
        except ValueError:
            return None
        had_birthday = (today.month, today.day) >= (birthday.month, birthday.day)
        age = today.year - year - (0 if had_birthday else 1)
        return age if 0 <= age <= int(_vocab()["max_age"]) else None
    if year_only := re.search(r"\b(1[89]\d\d|20\d\d)\b", lowered):
        # Only the year: the age the resident reaches this year.
        age = today.year - int(year_only.group(1))
        return age if 0 <= age <= int(_vocab()["max_age"]) else None
    return None


def parse_count(text: str) -> int | None:
    """How many: "3", "drie", "we zijn met z'n vieren", "geen" (0); None when unknown.

    "een stuk of 3" is 3: a vague word after a number word makes it not count.
    """
    words = [_plain(word) for word in _words(text)]
    together = _table("together")
    for word in words:
        if word in together:
            return together[word]
    for i, word in enumerate(words):
        value = as_int(word)
        if value is None:
            continue
        if i + 1 < len(words) and words[i + 1] in _list("vague"):
            continue
        return value
    says_zero = any(word in _list("zero") for word in words)
    return 0 if says_zero and not _is_unknown(text) else None
