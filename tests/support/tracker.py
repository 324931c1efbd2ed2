"""What Rasa's tracker store holds for a conversation, read straight from the database."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from api.security.cipher import cipher
from api.store.db import make_sync_engine


def raw_events(database_url: str, sender_id: str) -> list[dict[str, Any]]:
    engine = make_sync_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT type_name, intent_name, data FROM events"
                    " WHERE sender_id = :s ORDER BY id"
                ),
                {"s": sender_id},
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def user_texts(database_url: str, sender_id: str) -> list[str]:
    """The resident's messages as the engine handled them, in the engine's order."""
    return [
        json.loads(cipher().decrypt(row["data"])).get("text") or ""
        for row in raw_events(database_url, sender_id)
        if row["type_name"] == "user"
    ]
