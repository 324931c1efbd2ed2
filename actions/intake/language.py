"""The resident's own language: asked for by name, or noticed in their first story.

- `asked_for`: "english please", "po polsku", "türkçe" (content/patterns/languages.yml)
  switch the conversation at any moment; a lone language name only when it is the whole
  message, so "ik spreek slecht nederlands" stays a story about language.
- `detect`: the language of a free-text message (lingua-language-detector), to *offer*
  a switch once. Only for messages long enough to tell, only when lingua is sure, and
  German is among the candidates so a German neighbour is not taken for Dutch.
"""

from __future__ import annotations

import functools
import re

from actions.intake.extract import patterns
from content.loader import LANGUAGES

# Fewer words than this say too little about their language ("ok", "ja graag").
DETECT_FROM_WORDS = 4
# A request for a language is short: "english please", "czy możemy po polsku".
REQUEST_WORDS = 5
# How sure lingua must be before we offer another language.
DETECT_CONFIDENCE = 0.8


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'’-]", " ", text.lower()).split())


@functools.cache
def _requests() -> list[tuple[str, str]]:
    """(phrase, language), longest phrases first so "in het engels" beats "engels"."""
    raw = patterns.load("languages")
    pairs = [(_normal(phrase), code) for code in LANGUAGES for phrase in patterns.words(raw[code])]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def asked_for(text: str) -> str | None:
    """The language the resident asks for, or None."""
    message = _normal(text)
    if not message:
        return None
    for phrase, code in _requests():
        if message == phrase:
            return code
    if len(message.split()) > REQUEST_WORDS:
        # A longer message is a story, even one that names a language ("I can't read
        # letters in dutch"): that is for the language_digital domain, not a switch.
        return None
    for phrase, code in _requests():
        # Inside a short message only a phrase of two words or more ("po polsku, proszę").
        if " " in phrase and patterns.contains(message, phrase):
            return code
    return None


@functools.cache
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    candidates = [
        Language.DUTCH,
        Language.ENGLISH,
        Language.POLISH,
        Language.TURKISH,
        Language.ARABIC,
        Language.UKRAINIAN,
        Language.GERMAN,
    ]
    return LanguageDetectorBuilder.from_languages(*candidates).build()


def detect(text: str) -> str | None:
    """The language a message is written in, when it is one we speak and lingua is sure."""
    if len(text.split()) < DETECT_FROM_WORDS:
        return None
    confidences = _detector().compute_language_confidence_values(text)
    if not confidences:
        return None
    best = confidences[0]
    code = best.language.iso_code_639_1.name.lower()
    if best.value < DETECT_CONFIDENCE or code not in LANGUAGES:
        return None
    return code
