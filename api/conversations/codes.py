"""Resume codes: short, easy to type and to say on the phone."""

from __future__ import annotations

import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: letters and digits a resident cannot mix up.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(raw: str) -> str:
    """What a resident types or says: spaces, dashes and lower case don't matter."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())
