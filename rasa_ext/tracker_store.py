"""Rasa's SQL tracker store, with the resident's words encrypted and no silent fallback.

- Each event's JSON (`events.data`, which holds what the resident typed and the slots
  the actions set) is stored encrypted with the same keys as the API's own tables
  (`VOORDEUR_ENCRYPTION_KEYS`, api/security/cipher.py). The `intent_name` column stays
  empty: an intent such as "danger_suicide" is itself special-category data.
- A short database outage is waited out (a few retries); a longer one fails the turn.
  Rasa's own wrapper would instead fall back to an in-memory store, which restarts the
  conversation on a read error and forgets events on a write error; with several
  replicas that splits one conversation in two. `StrictTrackerStore` replaces it, and
  the API keeps the message pending until the engine can take it (nothing is lost).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import sqlalchemy.exc
from rasa.core import agent as rasa_agent
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from api import logging_filter
from api.security.cipher import cipher
from rasa_ext import turns

log = logging.getLogger(__name__)

# How long one read or write waits for the database before the turn fails.
RETRY_SECONDS = 8.0
TRANSIENT = (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)


class EncryptedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cipher()  # no key, no engine: fail at start, not at the first resident
        super().__init__(*args, **kwargs)
        # Database errors name no parameter values (they are ciphertext, but still), and
        # connections broken by a database restart are replaced before use.
        rasa_engine = self.engine
        self.engine = sqlalchemy.create_engine(
            rasa_engine.url, hide_parameters=True, pool_pre_ping=True
        )
        rasa_engine.dispose()
        self.sessionmaker = sqlalchemy.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        rows = await _retrying(lambda: self._read(sender_id, fetch_events_from_all_sessions))
        if not self.domain or not rows:
            return None
        events = [json.loads(cipher().decrypt(data)) for data in rows]
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def _read(self, sender_id: str, all_sessions: bool) -> list[str]:
        with self.session_scope() as session:
            return [row.data for row in self._event_query(session, sender_id, all_sessions)]

    async def replies_to(self, sender_id: str, message_id: str) -> list[dict[str, Any]]:
        """The stored replies, when the latest user message is this one (else none).

        The API sends a conversation's messages strictly in order, so a message sent
        again can only be the latest one the engine saw: one row to read, not all.
        """
        latest = await _retrying(lambda: self._latest_user_event(sender_id))
        if latest is None:
            return []
        metadata = json.loads(cipher().decrypt(latest)).get("metadata") or {}
        if metadata.get(turns.MESSAGE_ID) != message_id:
            return []
        tracker = await self.retrieve(sender_id)
        return turns.answered(tracker.events if tracker else [], message_id)

    def _latest_user_event(self, sender_id: str) -> str | None:
        with self.session_scope() as session:
            row = (
                session.query(self.SQLEvent.data)
                .filter(self.SQLEvent.sender_id == sender_id, self.SQLEvent.type_name == "user")
                .order_by(self.SQLEvent.id.desc())
                .first()
            )
            return row.data if row else None

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        await _retrying(lambda: self._write(tracker))

    def _write(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=None,
                        action_name=data.get("name") if event.type_name == "action" else None,
                        data=cipher().encrypt(json.dumps(data)),
                    )
                )
            session.commit()


async def _retrying(step: Any) -> Any:
    deadline = time.monotonic() + RETRY_SECONDS
    delay = 0.2
    while True:
        try:
            return step()
        except TRANSIENT as error:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("tracker store: database unavailable (%s); retrying", type(error).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)


class StrictTrackerStore(FailSafeTrackerStore):
    """Rasa's wrapper without the in-memory fallback: an error fails the turn."""

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._tracker_store.retrieve(sender_id)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return await self._tracker_store.retrieve_full_tracker(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._tracker_store.save(tracker)

    async def replies_to(self, sender_id: str, message_id: str) -> list[dict[str, Any]]:
        inner = self._tracker_store
        return await inner.replies_to(sender_id, message_id) if hasattr(inner, "replies_to") else []


# Rasa wraps whatever store it loads in FailSafeTrackerStore (rasa.core.agent); this
# module is imported before that happens, so the agent picks up the strict one.
rasa_agent.FailSafeTrackerStore = StrictTrackerStore
logging_filter.install()
turns.install()
