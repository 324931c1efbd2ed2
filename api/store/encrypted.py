"""Column types that keep free text encrypted at rest (api/security/cipher.py).

The application reads and writes plain values; only the database holds ciphertext.
`EncryptedJSON` keeps the column's JSON type (the ciphertext is stored as a JSON
string), so no column changes type and rows written before encryption still read.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Text
from sqlalchemy.types import TypeDecorator

from api.security.cipher import cipher, is_encrypted


class EncryptedText(TypeDecorator[str]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else cipher().encrypt(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else cipher().decrypt(value)


class EncryptedJSON(TypeDecorator[Any]):
    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        return cipher().encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if isinstance(value, str) and is_encrypted(value):
            return json.loads(cipher().decrypt(value))
        return value  # None, or a value written before encryption was switched on
