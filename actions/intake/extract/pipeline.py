"""The one spaCy pipeline every extractor shares: blank Dutch with lookup lemmas.

No pretrained model may be downloaded here, so the pipeline is `spacy.blank("nl")` plus
the lemmatizer in lookup mode, whose table comes from spacy-lookups-data. Building it
takes under a second; it is built once per process and reused on every turn.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@functools.cache
def nlp() -> Language:
    pipeline = spacy.blank("nl")
    pipeline.add_pipe("lemmatizer", config={"mode": "lookup"})
    pipeline.initialize()
    return pipeline


def doc(text: str) -> Doc:
    """The resident's words as lower-case tokens with lemmas (they rarely use capitals)."""
    return nlp()(text.lower())


@functools.cache
def _lemmas() -> frozenset[str]:
    table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return frozenset(str(lemma) for lemma in table.values())


def known_word(word: str) -> bool:
    """Is `word` ordinary Dutch? Then it is not a typo, and no fuzzy match may bend it.

    "niet" is close to "nicht" and "boer" to "broer"; neither is a misspelling.
    """
    word = word.lower()
    pipeline = nlp()
    table = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    return word in pipeline.Defaults.stop_words or word in table or word in _lemmas()
