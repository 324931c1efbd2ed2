"""Who lives in the household, with roles and ages, from the resident's own words.

"ik, mijn vriend en onze zoon van 13" is self, partner, child (13). Rule-based on purpose:
a front-office worker must be able to see why a member is there, and a content editor
extends the words in content/patterns/household.yml without touching this code.

The steps: spaCy's Matcher finds the role words (on lower-case form and lemma, so
"dochters" and "zoontje" need no entry), a fuzzy match catches small typos, and simple
token rules read counts ("twee kinderen"), ages ("van 6 en 9", "is 54"), the resident's
own age ("ik ben 74"), the household size ("met z'n vieren") and what is said about
someone ("gaat het huis uit", "is overleden").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from actions.intake.extract import patterns
from actions.intake.extract.fuzzy import close_match
from actions.intake.extract.numbers import as_int
from actions.intake.extract.pipeline import doc as parse
from actions.intake.extract.pipeline import nlp

ROLES = ("self", "partner", "child", "parent", "other_adult", "other")
MAX_AGE = 120
# A number in front of a group larger than this is not a count of people ("100 kinderen").
MAX_COUNT = 20
# Clause breaks: a note ("gaat het huis uit") is about someone in the same clause.
_CLAUSE_MARKS = {".", "!", "?", ";", "...", "\n"}
_CLAUSE_WORDS = {"maar", "want", "sinds", "omdat", "terwijl", "dus", "toen", "nadat"}
# "een" is "a" far more often than "one": never read as a count or an age on its own.
_A = {"een", "één", "eén"}
# Words that may stand between people named together: "mijn man en mijn zoon".
_JOINERS = {"en", ",", "&", "+", "/", "de", "het", "onze", "ons", "mijn", "m'n", "me", "mn"}


@dataclass(frozen=True)
class Member:
    """One person in the household. `role` is one of ROLES; `note` is for the front office."""

    role: str
    age: int | None = None
    note: str | None = None


@dataclass
class _Mention:
    """Someone named in the text: one person ("mijn zoon") or a group ("2 kinderen")."""

    start: int
    end: int
    role: str
    word: str
    plural: bool
    size: int | None = None
    count: int | None = None
    ages: list[int] = field(default_factory=list)
    note: str | None = None
    gone: bool = False


def _data() -> dict:
    return patterns.load("household")


@functools.cache
def _words(key: str) -> frozenset[str]:
    return frozenset(patterns.words(_data()[key]))


@functools.cache
def _role_words() -> dict[str, tuple[str, bool]]:
    """Every role word to (role, plural)."""
    found: dict[str, tuple[str, bool]] = {}
    for role, words in _data()["groups"].items():
        found.update({word: (role, True) for word in patterns.words(words)})
    found.update({str(word): ("child", True) for word in _data()["multiples"]})
    for role, words in _data()["roles"].items():
        found.update({word: (role, False) for word in patterns.words(words)})
    return found


def _token_patterns(phrase: str) -> list[list[dict]]:
    """Matcher patterns for a phrase: on lower-case words and on lemmas.

    A phrase of three words or more may have up to two other words in it: "mijn man gaat
    volgende maand het huis uit".
    """
    tokens = list(parse(phrase))
    gap = [{"IS_PUNCT": False, "OP": "{0,2}"}] if len(tokens) >= 3 else []
    found = []
    for attr, values in (
        ("LOWER", [t.lower_ for t in tokens]),
        ("LEMMA", [t.lemma_ for t in tokens]),
    ):
        pattern: list[dict] = []
        for i, value in enumerate(values):
            if i:
                pattern.extend(gap)
            pattern.append({attr: value})
        found.append(pattern)
    return found


@functools.cache
def _matcher() -> Matcher:
    """One Matcher for everything: labels are "role:<word>", "gone", "alone", "note:<note>"."""
    matcher = Matcher(nlp().vocab)
    for word in _role_words():
        matcher.add(f"role:{word}", _token_patterns(word))
    for phrase in patterns.words(_data()["gone"]):
        matcher.add("gone", _token_patterns(phrase))
    for phrase in patterns.words(_data()["alone"]):
        matcher.add("alone", _token_patterns(phrase))
    for phrase in patterns.words(_data()["both"]):
        matcher.add("both", _token_patterns(phrase))
    for note, phrases in _data()["notes"].items():
        for phrase in patterns.words(phrases):
            matcher.add(f"note:{note}", _token_patterns(phrase))
    return matcher


def _prepare(text: str) -> str:
    """Spaces where residents leave them out: "zoon(13)", "74jaar", "6,9", "ik+man"."""
    text = text.lower()
    text = re.sub(r"([()+&/:;])", r" \1 ", text)
    text = re.sub(r"(\d)([^\W\d_])", r"\1 \2", text)
    text = re.sub(r"([^\W\d_])(\d)", r"\1 \2", text)
    text = re.sub(r"(\d),(\d)", r"\1, \2", text)
    return re.sub(r"[^\S\n]+", " ", text).strip()


@functools.cache
def _number_words() -> dict[str, int]:
    return {str(word): int(value) for word, value in _data()["numbers"].items()}


def _number(token: Token) -> int | None:
    """A count or an age: digits or a number word ("twee", "dertien", "vierenzeventig")."""
    if token.lower_ in _number_words():
        return _number_words()[token.lower_]
    return as_int(token.lower_) if token.is_digit or token.is_alpha else None


def _is_count(token: Token) -> bool:
    return _number(token) is not None and token.lower_ not in _A


class _Reader:
    """The household in one text, read token by token."""

    def __init__(self, text: str) -> None:
        self.doc: Doc = parse(_prepare(text))
        self.used: set[int] = set()  # tokens already read as a count or an age
        self.mentions: list[_Mention] = []
        self.self_age: int | None = None
        self.total: int | None = None
        self.matches = [
            (self.doc.vocab.strings[label], start, end)
            for label, start, end in _matcher()(self.doc)
        ]

    # -- finding the people -------------------------------------------------------------

    def read(self) -> list[Member]:
        self._find_mentions()
        self._drop_descriptions()
        self._read_counts_and_ages()
        self._read_pronoun_ages()
        self._read_self_age()
        self._read_total()
        self._read_notes()
        self._read_both()
        alone = any(label == "alone" for label, _, _ in self.matches) or self._just_me()
        if not (self.mentions or alone or self.self_age is not None or self.total):
            return []
        return self._members()

    def _find_mentions(self) -> None:
        words: dict[tuple[int, int], list[str]] = {}
        for label, start, end in self.matches:
            if label.startswith("role:"):
                words.setdefault((start, end), []).append(label.removeprefix("role:"))
        covered: set[int] = set()
        for span in filter_spans([Span(self.doc, start, end) for start, end in words]):
            word = self._best(span.text, words[(span.start, span.end)])
            role, plural = _role_words()[word]
            self.mentions.append(self._mention(span.start, span.end, word, role, plural))
            covered.update(range(span.start, span.end))
        self._find_typos(covered)
        self.mentions.sort(key=lambda m: m.start)

    @staticmethod
    def _best(text: str, words: list[str]) -> str:
        """The role word meant: the one written, else one for a single person.

        "broer" has the same lemma as "broers"; written "broer", it is one brother.
        """
        if text in words:
            return text
        single = [word for word in words if not _role_words()[word][1]]
        return (single or words)[0]

    def _mention(self, start: int, end: int, word: str, role: str, plural: bool) -> _Mention:
        text = self.doc[start:end].text
        # "dochters", "broertjes": plural when the dictionary form is shorter.
        if not plural and text != word and text.endswith(("s", "en")) and not word.endswith("s"):
            plural = True
        before = self.doc[start - 1].lower_ if start else ""
        if word in _words("friend_after_een") and before == "een":
            role = "other_adult"
        size = _data()["group_sizes"].get(word) or _data()["multiples"].get(word)
        return _Mention(start, end, role, word, plural, size=int(size) if size else None)

    def _find_typos(self, covered: set[int]) -> None:
        vocabulary = list(_role_words())
        others = _words("alone") | _words("both") | _words("pronouns") | _words("possessives")
        for token in self.doc:
            if token.i in covered or not token.is_alpha or token.lower_ in others:
                continue
            if _number(token) is not None:
                continue
            close = close_match(token.lower_, vocabulary)
            if close:
                role, plural = _role_words()[close]
                self.mentions.append(self._mention(token.i, token.i + 1, close, role, plural))

    def _drop_descriptions(self) -> None:
        """Role words that are not one more person in the house.

        "mijn oudste zoon" is one son; "we zijn met 4 man" is a head count; "geen kinderen"
        is none; "ik ben moeder van 2" describes the resident and "is een puber" the son.
        """
        starts = {m.start for m in self.mentions}
        kept = []
        for mention in self.mentions:
            if mention.word in _words("describing") and mention.end in starts:
                continue
            if mention.word in _words("people") and self._counted(mention.start - 1):
                continue  # "we zijn met 4 man": a head count, not a husband
            window = self.doc[max(mention.start - 2, 0) : mention.start]
            if any(token.lower_ in _words("none_before") for token in window):
                mention.gone = True  # "ik heb geen kinderen" still describes the household
            describer = self._describer(mention.start)
            if describer is None:
                kept.append(mention)
                continue
            ages = self._ages_after(mention.end, plural=False)
            if describer in _words("about_me"):
                # "ik ben een vrouw van 45": the resident's own age.
                if ages and self.self_age is None:
                    self.self_age = ages[0]
            elif ages and kept and not kept[-1].ages:
                kept[-1].ages = ages  # "mijn zoon is een puber van 15"
        self.mentions = kept

    def _counted(self, index: int) -> bool:
        return index >= 0 and _is_count(self.doc[index]) and (_number(self.doc[index]) or 0) > 1

    def _describer(self, start: int) -> str | None:
        """ "ben" in "ik ben (een alleenstaande) moeder": the mention says what someone is."""
        for i in range(start - 1, max(start - 4, -1), -1):
            token = self.doc[i]
            if token.lower_ in _words("possessives") or token.is_punct or _is_count(token):
                return None
            if token.lower_ in _words("describes"):
                return token.lower_
        return None

    # -- counts and ages ----------------------------------------------------------------

    def _count_before(self, mention: _Mention) -> int | None:
        """ "3 kinderen", "mijn twee zoons", "2 kleine kinderen"."""
        for i in (mention.start - 1, mention.start - 2):
            if i < 0 or i in self.used:
                return None
            token = self.doc[i]
            value = _number(token)
            if value is not None:
                if 0 < value <= MAX_COUNT:
                    self.used.add(i)
                    return value
                return None
            if not token.is_alpha or token.lower_ in _JOINERS or token.lower_ == "van":
                return None
        return None

    def _is_mention_start(self, index: int) -> bool:
        return any(m.start == index for m in self.mentions)

    def _ages_after(self, start: int, plural: bool) -> list[int]:
        """ "van 13", "is 54", "(14)", "van 6, 9 en 12 jaar", "van 4 maanden" (0)."""
        ages: list[int] = []
        i = start
        before = _words("age_before")
        years = {word for phrase in _words("age_after") for word in phrase.split()}
        listing = _words("age_list") | years
        while i < len(self.doc) and self.doc[i].lower_ in before and not ages:
            i += 1
        while i < len(self.doc):
            token = self.doc[i]
            value = _number(token)
            if value is None or i in self.used:
                if token.lower_ in listing and (ages or token.lower_ in before):
                    i += 1
                    continue
                break
            nxt = i + 1
            while nxt < len(self.doc) and self.doc[nxt].lower_ in years:
                nxt += 1
            if self._is_mention_start(nxt) or value > MAX_AGE:
                break  # "zoon van 11 en 2 dochters": the 2 counts the daughters
            if token.lower_ in _A and not ages:
                break  # "een" is "a" far more often than "one"
            under_one = nxt < len(self.doc) and self.doc[nxt].lower_ in _words("age_under_one")
            ages.append(0 if under_one else value)
            self.used.add(i)
            i = nxt + (1 if under_one else 0)
            if not plural:
                break
        return ages

    def _read_counts_and_ages(self) -> None:
        for mention in self.mentions:
            count = self._count_before(mention)
            if count is not None and (mention.plural or count > 1):
                mention.count = count
                mention.plural = mention.plural or count > 1
            mention.ages = mention.ages or self._ages_after(mention.end, mention.plural)

    def _read_pronoun_ages(self) -> None:
        """ "mijn zoon, hij is 13", "2 kinderen, ze zijn 6 en 9"."""
        for token in self.doc:
            if token.lower_ not in _words("pronouns") or token.i + 1 >= len(self.doc):
                continue
            if self.doc[token.i + 1].lower_ not in {"is", "zijn", "wordt", "worden"}:
                continue
            earlier = [m for m in self.mentions if m.end <= token.i and not m.ages]
            if not earlier:
                continue
            mention = earlier[-1]
            mention.ages = self._ages_after(token.i + 2, mention.plural)

    def _read_self_age(self) -> None:
        """ "ik ben 74", "ik ben zelf 81", "ik (74)", "ikzelf 60"."""
        for token in self.doc:
            if token.lower_ not in {"ik", "ikzelf"}:
                continue
            i = token.i + 1
            while i < len(self.doc) and self.doc[i].lower_ in {"ben", "zelf", "(", "word", ","}:
                i += 1
            if i < len(self.doc) and i not in self.used and not self._is_mention_start(i + 1):
                value = _number(self.doc[i])
                if value is not None and value <= MAX_AGE and self.doc[i].lower_ not in _A:
                    self.used.add(i)
                    self.self_age = self.self_age if self.self_age is not None else value
                    return

    def _read_total(self) -> None:
        """ "we zijn met z'n vieren", "met 4 personen", "een gezin van 5", "we zijn met 3"."""
        together = {str(k): int(v) for k, v in _data()["together"].items()}
        for token in self.doc:
            before = {t.lower_ for t in self.doc[max(token.i - 2, 0) : token.i]}
            if token.lower_ in together and before & _words("together_after"):
                self.total = together[token.lower_]
                return
            value = _number(token)
            if value is None or token.i in self.used or not 1 < value <= MAX_COUNT:
                continue
            nxt = self.doc[token.i + 1].lower_ if token.i + 1 < len(self.doc) else ""
            if (
                nxt in _words("people")
                or before & _words("household_words")
                or (
                    "met" in before
                    and not self._is_mention_start(token.i + 1)
                    and not nxt.isalpha()
                )
            ):
                self.used.add(token.i)
                self.total = value
                return

    def _just_me(self) -> bool:
        words = [t.lower_ for t in self.doc if not t.is_punct]
        return len(words) == 1 and words[0] in _words("just_me")

    # -- what is said about someone -----------------------------------------------------

    def _clause(self, index: int) -> int:
        """The number of the clause a token is in ("." and words like "maar", "sinds" split)."""
        return sum(
            1 for t in self.doc[:index] if t.text in _CLAUSE_MARKS or t.lower_ in _CLAUSE_WORDS
        )

    def _about(self, start: int, end: int) -> list[_Mention]:
        """The people a remark at start..end is about: the nearest one named before it in
        the same clause with everyone named together with them; else the first after it."""
        clause = self._clause(start)
        same = [
            m
            for m in self.mentions
            if self._clause(m.start) == clause and not (start <= m.start < end)
        ]
        before = [m for m in same if m.end <= start]
        if not before:
            return [m for m in same if m.start >= end][:1]
        group = [before[-1]]
        for mention in reversed(before[:-1]):
            between = self.doc[mention.end : group[0].start]
            if all(t.lower_ in _JOINERS for t in between):
                group.insert(0, mention)
            else:
                break
        return group

    def _read_notes(self) -> None:
        remarks = [
            (label, s, e)
            for label, s, e in self.matches
            if label == "gone" or label.startswith("note:")
        ]
        # The longest remark at each place: "is overleden" rather than "overleden" too.
        spans = filter_spans([Span(self.doc, s, e, label=label) for label, s, e in remarks])
        inside: set[int] = set()
        for span in spans:
            inside.update(range(span.start, span.end))
        # "mijn dochter woont bij haar vader": the father is part of the remark, not a member.
        self.mentions = [m for m in self.mentions if m.start not in inside]
        for span in spans:
            for mention in self._about(span.start, span.end):
                if span.label_ == "gone":
                    mention.gone = True
                else:
                    mention.note = mention.note or span.label_.removeprefix("note:")

    def _read_both(self) -> None:
        """ "we zijn allebei 81": the resident and the one other person share the age."""
        for label, _, end in self.matches:
            if label != "both":
                continue
            for i in range(end, min(end + 3, len(self.doc))):
                value = _number(self.doc[i])
                if value is not None and i not in self.used and value <= MAX_AGE:
                    self.used.add(i)
                    if self.self_age is None:
                        self.self_age = value
                    others = [m for m in self.mentions if not m.gone and not m.ages]
                    partners = [m for m in others if m.role == "partner"]
                    for mention in partners[:1] or others[:1]:
                        mention.ages = [value]
                    return

    # -- the result ---------------------------------------------------------------------

    def _members(self) -> list[Member]:
        members: list[Member] = []
        seen: dict[tuple[str, str], int] = {}
        for mention in self.mentions:
            if mention.gone:
                continue
            if not mention.plural:
                # "mijn man" twice is one man; "mijn zoon ... mijn zoon van 11" one son.
                key = ("partner", "") if mention.role == "partner" else (mention.role, mention.word)
                age = mention.ages[0] if mention.ages else None
                if key in seen:
                    index = seen[key]
                    earlier = members[index]
                    if mention.role == "partner" or age is None or earlier.age in (None, age):
                        members[index] = Member(
                            earlier.role,
                            earlier.age if earlier.age is not None else age,
                            earlier.note or mention.note,
                        )
                        continue
                seen[key] = len(members)
                members.append(Member(mention.role, age, mention.note))
                continue
            how_many = mention.count or mention.size or len(mention.ages)
            note = mention.note
            if not how_many:
                how_many = int(_data()["count_unknown_members"])
                note = note or str(_data()["count_unknown"])
            if mention.word in _data()["multiples"] and len(mention.ages) == 1:
                mention.ages *= how_many  # twins share their age
            ages: list[int | None] = [*mention.ages[:how_many]]
            ages += [None] * (how_many - len(ages))
            members += [Member(mention.role, age, note) for age in ages]
        if self.total is not None:
            members += [Member("other")] * max(0, self.total - 1 - len(members))
        return [Member("self", self.self_age), *members]


def parse_household(text: str) -> list[Member]:
    """The household the resident describes, the resident first; [] when they describe none.

    "ik woon alleen, ik ben 74" is [self (74)]; "3 kinderen" is self and three children;
    "weet ik niet" is []. Someone who "is overleden" or "woont bij haar vader" is left out.
    """
    if not text or not text.strip():
        return []
    return _Reader(text).read()
