"""Rasa turns that are all-or-nothing and idempotent, so the API can safely resend.

The API stores a resident's message first and forwards it until the engine answers
(api/conversations/service.py); it sends the message's id in the metadata. Two things
make resending safe:

- **All or nothing.** When the action server cannot be reached, or the tracker cannot
  be saved, the turn fails as a whole: no reply goes back (the API then keeps the
  message pending) and nothing is saved. Rasa on its own would carry on without the
  action's events and answer half a turn.
- **Idempotent.** If a message with this id is already in the conversation (the engine
  answered, but the answer never reached the API), its stored replies are sent again
  instead of handling the message a second time.

Patched into Rasa 3.6 (the last open-source line, which no longer changes) when
rasa_ext.tracker_store is loaded. Both run inside the conversation's lock.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.exceptions import RasaException

log = logging.getLogger(__name__)

MESSAGE_ID = "voordeur_message_id"


class TurnAborted(BaseException):
    """The action server failed: the whole turn is abandoned.

    A BaseException so that Rasa's `except Exception` around each action does not
    swallow it; it is turned into a normal error in `handle_message` below.
    """


class TurnFailed(RuntimeError):
    pass


def install() -> None:
    if getattr(MessageProcessor.handle_message, "voordeur", False):
        return
    original_handle = MessageProcessor.handle_message
    original_run = RemoteAction.run

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await original_run(self, *args, **kwargs)
        except ActionExecutionRejection:
            raise  # a form rejecting a value is a normal part of a turn
        except RasaException as error:
            raise TurnAborted(self.name()) from error

    async def handle_message(self: MessageProcessor, message: UserMessage) -> Any:
        message_id = (message.metadata or {}).get(MESSAGE_ID)
        store = self.tracker_store
        if message_id and hasattr(store, "replies_to"):
            replies = await store.replies_to(message.sender_id, message_id)
            if replies:
                log.info("message answered before; sending the stored replies again")
                for reply in replies:
                    await message.output_channel.send_response(message.sender_id, reply)
                return _collected(message)
        try:
            return await original_handle(self, message)
        except (TurnAborted, Exception) as error:
            # Nothing of a failed turn may reach the resident: the API keeps the
            # message pending and sends it again; the tracker was not saved.
            if isinstance(message.output_channel, CollectingOutputChannel):
                message.output_channel.messages.clear()
            raise TurnFailed(type(error).__name__) from None

    run.voordeur = True  # type: ignore[attr-defined]
    handle_message.voordeur = True  # type: ignore[attr-defined]
    RemoteAction.run = run
    MessageProcessor.handle_message = handle_message


def answered(events: Any, message_id: str) -> list[dict[str, Any]]:
    """The replies stored after the user message with this id, if it is there."""
    replies: list[dict[str, Any]] = []
    found = False
    for event in events:
        if isinstance(event, UserUttered):
            if found:
                break
            found = (event.metadata or {}).get(MESSAGE_ID) == message_id
        elif found and isinstance(event, BotUttered):
            replies.append(event.message())
    return replies


def _collected(message: UserMessage) -> Any:
    if isinstance(message.output_channel, CollectingOutputChannel):
        return message.output_channel.messages
    return None
