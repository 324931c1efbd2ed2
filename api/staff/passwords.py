"""Password hashing with argon2id (argon2-cffi): slow on purpose, salted, tunable."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# A staff password is a key to special-category data: ask for a long one.
MIN_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a staff password needs at least {MIN_LENGTH} characters")
    return _hasher.hash(password)


def verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_against_nothing(password: str) -> None:
    """Spend the same time when the account does not exist, so names cannot be probed."""
    verify(_DUMMY, password)


_DUMMY = _hasher.hash("not a real password, only for timing")
