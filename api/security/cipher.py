"""Encryption at rest for what residents type: Fernet (AES-128-CBC + HMAC-SHA256).

Keys come only from the environment, `VOORDEUR_ENCRYPTION_KEYS`: Fernet keys,
comma-separated, newest first. The first key encrypts; every key decrypts (MultiFernet),
so a key can be rotated without downtime:

1. put a new key in front of the old one and restart the services;
2. run `python -m api.cli rotate-keys` (re-encrypts every stored value with the new key);
3. remove the old key and restart again.

Values written before encryption was switched on (plain text) are read as they are and
encrypted by the next `rotate-keys`. A value that looks encrypted but that no key opens
is an error, loudly: a missing key must never turn into silently empty answers.

Standard library and `cryptography` only: Rasa's engine (Python 3.10) imports it too.
"""

from __future__ import annotations

import functools
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

ENV = "VOORDEUR_ENCRYPTION_KEYS"
# Every Fernet token starts with version byte 0x80, base64: "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - a format marker, not a secret


class EncryptionNotConfigured(RuntimeError):
    pass


class UndecryptableValue(RuntimeError):
    """Stored with a key that is no longer configured."""


def parse_keys(raw: str) -> list[str]:
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError) as error:
            # The key itself is never printed: it is a secret.
            raise EncryptionNotConfigured(
                f"{ENV}: key {position} is not a Fernet key (32 url-safe base64 bytes); "
                "make one with `python -m api.cli new-key`"
            ) from error
    return keys


def new_key() -> str:
    return Fernet.generate_key().decode()


class Cipher:
    def __init__(self, keys: list[str]):
        if not keys:
            raise EncryptionNotConfigured(
                f"{ENV} is not set: free text is stored encrypted and needs a key. "
                "Make one with `python -m api.cli new-key` and set it in the environment."
            )
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        self._current = Fernet(keys[0].encode())

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str) -> str:
        if not is_encrypted(stored):
            return stored  # written before encryption was switched on
        try:
            return self._fernet.decrypt(stored.encode("ascii")).decode("utf-8")
        except InvalidToken as error:
            raise UndecryptableValue(
                f"a stored value was encrypted with a key that is not in {ENV}"
            ) from error

    def rotate(self, stored: str) -> str:
        """The value encrypted with the current key (plain text gets encrypted)."""
        if not is_encrypted(stored):
            return self.encrypt(stored)
        try:
            return self._fernet.rotate(stored.encode("ascii")).decode("ascii")
        except InvalidToken as error:
            raise UndecryptableValue(
                f"a stored value was encrypted with a key that is not in {ENV}"
            ) from error

    def is_current(self, stored: str) -> bool:
        try:
            self._current.decrypt(stored.encode("ascii"))
        except (InvalidToken, UnicodeEncodeError):
            return False
        return True


def is_encrypted(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)


@functools.cache
def _cipher_for(raw: str) -> Cipher:
    return Cipher(parse_keys(raw))


def cipher() -> Cipher:
    """The cipher for the keys in the environment now (cached per key set)."""
    return _cipher_for(os.environ.get(ENV, ""))
