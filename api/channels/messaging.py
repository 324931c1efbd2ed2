"""SMS and WhatsApp through the provider's messaging webhook (TwiML answers).

Text only: choices become numbers ("1. Ja"), a reply "1" clicks the first. Long answers
are split between sentences into messages a phone shows whole. A resume code sent as a
message continues a conversation begun on the web or the phone.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from twilio.twiml.messaging_response import MessagingResponse

from api.channels.provider import (
    find_session,
    looks_like_code,
    numbered,
    session_key,
    verified_form,
)
from api.conversations.service import ConversationNotFound, ConversationService, TurnResult
from api.render import Audience, render_text
from api.store.db import session_scope
from api.store.models import ChannelSession

router = APIRouter(prefix="/channels", include_in_schema=False)
# Characters per message: four SMS segments; WhatsApp shows more at once.
LIMITS = {"sms": 640, "whatsapp": 1500}


def split(text: str, limit: int) -> list[str]:
    """Between lines where it can, between sentences where a line is too long; a sentence
    is never cut (one longer than the limit travels alone and the phone joins it)."""
    pieces: list[tuple[str, str]] = []  # (text, what joins it to the one before)
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        sentences = [line] if len(line) <= limit else re.split(r"(?<=[.!?])\s+", line)
        pieces += [(s, "\n" if i == 0 else " ") for i, s in enumerate(sentences)]
    parts: list[str] = []
    current = ""
    for piece, joiner in pieces:
        joined = f"{current}{joiner}{piece}" if current else piece
        if len(joined) <= limit:
            current = joined
            continue
        if current:
            parts.append(current)
        current = piece
    if current:
        parts.append(current)
    return parts


def compose(result: TurnResult, channel: str) -> tuple[list[str], dict[str, str]]:
    audience = Audience(language=result.conversation.language, channel=channel)
    options, buttons = numbered(result.messages)
    lines = [m["text"] for m in result.messages]
    if buttons:
        lines += [
            render_text("channels.sms.choice", {"number": n, "title": b["title"]}, audience)
            for n, b in enumerate(buttons, start=1)
        ]
        lines.append(render_text("channels.sms.choose", {}, audience))
    return split("\n".join(lines), LIMITS[channel]), options


def _answer(parts: list[str]) -> Response:
    twiml = MessagingResponse()
    for part in parts:
        twiml.message(part)
    return Response(str(twiml), media_type="application/xml")


@router.post("/messaging")
async def incoming(request: Request) -> Response:
    form = await verified_form(request)
    sender = form.get("From", "")
    channel = "whatsapp" if sender.startswith("whatsapp:") else "sms"
    body = form.get("Body", "").strip()[: request.app.state.settings.max_text_length]
    conversations: ConversationService = request.app.state.conversations
    key = session_key(request, "msg", sender)
    database_url = request.app.state.settings.database_url
    async with session_scope(database_url) as db:
        session = await find_session(db, key)
        conversation_id = session.conversation_id if session else None
        options: dict[str, Any] = dict(session.options or {}) if session else {}

    result: TurnResult
    greeting: list[str] = []
    code = looks_like_code(body) if body else None
    if code:
        try:
            conversation_id, _ = await conversations.resume(code)
            result = await conversations.history(conversation_id, channel)
            result.messages = result.messages[-1:]
            audience = Audience(language=result.conversation.language, channel=channel)
            greeting = [render_text("channels.resumed", {}, audience)]
        except ConversationNotFound:
            code = None
    if not code:
        if conversation_id is None:
            result = await conversations.start("nl", channel)
            conversation_id = result.conversation.id
            if body:
                # The opening words are kept for the front office; the intake starts with consent.
                await conversations.keep(conversation_id, body)
        elif body in options:
            result = await conversations.send(
                conversation_id, text=None, payload=options[body], channel=channel
            )
        else:
            result = await conversations.send(
                conversation_id, text=body or "?", payload=None, channel=channel
            )

    parts, new_options = compose(result, channel)
    async with session_scope(database_url) as db:
        session = await find_session(db, key)
        if session is None:
            db.add(
                ChannelSession(
                    key_hash=key,
                    channel=channel,
                    conversation_id=conversation_id,
                    options=new_options,
                )
            )
        else:
            session.conversation_id = conversation_id
            session.options = new_options
    return _answer(greeting + parts)
