"""How the intent model reads typed text: one written form per word.

Kept apart from the classifier (rasa_ext/intent_classifier.py) and free of Rasa, so the
project's own checks of the training data (tests/unit/test_nlu_data.py) read examples
exactly as the model does. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic letters typed in more than one form; the combining hamza and the short vowels
# go with the other combining marks below.
_ONE_FORM = str.maketrans({"ة": "ه", "ى": "ي", "ـ": "", "’": "", "'": "", "ʼ": "", "`": ""})
_STRETCHED = re.compile(r"(.)\1{2,}")
_NOT_A_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One written form per word: "Jaaaa!" and "jaa" meet, as do "się" and "sie"."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_ONE_FORM)
    # Three or more of the same letter are stretching; two may be spelling ("weet", "dood").
    text = _STRETCHED.sub(r"\1\1", text)
    return _SPACES.sub(" ", _NOT_A_WORD.sub(" ", text)).strip()
