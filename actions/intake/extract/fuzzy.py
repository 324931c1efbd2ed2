"""Small typos in single words: "dochtter" is "dochter", "decmber" is "december"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from actions.intake.extract.pipeline import known_word

# difflib's ratio: "dochtter"/"dochter" is 0.93, "vader"/"vaders" 0.91, "zoon"/"zoom" 0.75.
CUTOFF = 0.85


def close_match(
    word: str, vocabulary: Iterable[str], min_length: int = 4, cutoff: float = CUTOFF
) -> str | None:
    """The vocabulary word `word` is a typo of, or None.

    Only for words of `min_length` letters or more that are not ordinary Dutch words:
    short words have too many neighbours, and a real word is what the resident meant.
    """
    if len(word) < min_length or not word.isalpha() or known_word(word):
        return None
    found = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=cutoff)
    return found[0] if found else None
