"""Words under a negation, as features of their own: "niet goed" is not "goed".

Word n-grams see "niet goed" only when that exact pair was in an example; "niet echt
geweldig", "nooit meer problemen" or "geen zorgen" each need their own. Here every word
within a short distance after a negation word (the lexicon's "no" concept, in every
language: niet, geen, nooit, not, nie, değil, не, لا, ...) also counts as a negated
word, so the model learns once what a negated "good", "problem" or "worry" means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from rasa_ext.text import normalise

# A negation reaches the next two words: "niet zo goed", "geen grote zorgen".
SCOPE = 2
PREFIX = "neg_"
# A message without a negation still needs one token, or the vectoriser has nothing.
NOTHING = "neg_none"


class NegatedWords(TransformerMixin, BaseEstimator):
    """TF-IDF over the words that follow a negation word within SCOPE words."""

    def __init__(self, lexicon: Mapping[str, Iterable[str]] | None = None, concept: str = "no"):
        self.lexicon = lexicon
        self.concept = concept

    def fit(self, texts: Iterable[str], intents: Any = None) -> NegatedWords:
        words = (self.lexicon or {}).get(self.concept, [])
        # Stems are left out: a negation is a whole word.
        self.negators_ = sorted({normalise(w) for w in words if not w.endswith("*")} - {""})
        self.vectoriser_ = TfidfVectorizer(
            token_pattern=r"\S+",  # noqa: S106 - a regex, not a password
            sublinear_tf=True,
            lowercase=False,
        ).fit([self.negated(text) for text in texts])
        return self

    def negated(self, text: str) -> str:
        """ "het gaat niet zo goed" → "neg_zo neg_goed"."""
        negators = set(self.negators_)
        found, left = [], 0
        for word in text.split():
            if word in negators:
                left = SCOPE
            elif left:
                found.append(PREFIX + word)
                left -= 1
        return " ".join(found) or NOTHING

    def transform(self, texts: Iterable[str]) -> Any:
        return self.vectoriser_.transform([self.negated(text) for text in texts])
