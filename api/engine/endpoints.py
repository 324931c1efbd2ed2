"""Writes var/endpoints.yml for Rasa from DATABASE_URL: the tracker store shares our database.

The tracker store is our own subclass of Rasa's SQL store (rasa_ext/tracker_store.py):
the events, which hold the resident's words, are encrypted at rest like our tables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

TRACKER_STORE = "rasa_ext.tracker_store.EncryptedSQLTrackerStore"


def tracker_store(database_url: str) -> dict[str, Any]:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return {"type": TRACKER_STORE, "dialect": "sqlite", "db": url.database}
    # Rasa's engine has psycopg2; its dialect name is plain "postgresql".
    store: dict[str, Any] = {
        "type": TRACKER_STORE,
        "dialect": "postgresql",
        "url": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "db": url.database,
        "username": url.username,
    }
    if url.password:
        store["password"] = url.password
    return store


def lock_store(redis_url: str | None = None) -> dict[str, Any]:
    """In-memory for one engine; Redis when several replicas share conversations."""
    redis_url = redis_url or os.environ.get("VOORDEUR_REDIS_URL")
    if not redis_url:
        return {"type": "in_memory"}
    url = make_url(redis_url)
    store: dict[str, Any] = {"type": "redis", "url": url.host, "port": url.port or 6379}
    if url.database:
        store["db"] = int(url.database)
    return store


def write_endpoints(
    path: Path, database_url: str, actions_url: str, redis_url: str | None = None
) -> Path:
    config = {
        "action_endpoint": {"url": actions_url.rstrip("/") + "/webhook"},
        "tracker_store": tracker_store(database_url),
        "lock_store": lock_store(redis_url),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path
