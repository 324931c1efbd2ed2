"""The phone: a Twilio-compatible voice webhook answering with TwiML.

Every text is the `voice` variant from content/ (numbers spoken digit by digit by the
renderer), said in nl-NL. Each question is a Gather for speech and keys: choices are
read with their numbers ("Voor Ja, zeg het of toets 1"). "Herhaal" is understood by the
conversation itself. Silence is asked again twice; then a callback is offered.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from twilio.twiml.voice_response import Gather, VoiceResponse

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

router = APIRouter(prefix="/channels/voice", include_in_schema=False)
VOICE = {"nl": "nl-NL", "en": "en-GB", "pl": "pl-PL", "tr": "tr-TR", "ar": "ar-XA", "uk": "uk-UA"}
# Two reprompts, then the callback offer.
MAX_SILENCES = 2
ANSWER = "/channels/voice/answer"
SILENCE = "/channels/voice/silence"
CALLBACK = "/channels/voice/callback"


def _speak(
    texts: list[str], language: str, options: dict[str, str], action: str = ANSWER
) -> Response:
    twiml = VoiceResponse()
    voice_language = VOICE.get(language, "nl-NL")
    gather = Gather(
        input="speech dtmf",
        action=action,
        method="POST",
        language=voice_language,
        speech_timeout="auto",
        timeout=6,
        num_digits=1 if options and len(options) < 10 else None,
    )
    for text in texts:
        gather.say(text, language=voice_language)
    twiml.append(gather)
    # No input at all: the provider goes on to the next verb.
    twiml.redirect(SILENCE if action == ANSWER else CALLBACK + "?silent=1", method="POST")
    return Response(str(twiml), media_type="application/xml")


def _texts(result: TurnResult, buttons: list[dict[str, Any]]) -> list[str]:
    audience = Audience(language=result.conversation.language, channel="voice")
    texts = [m["text"] for m in result.messages]
    texts += [
        render_text("channels.voice.choice", {"title": b["title"], "number": n}, audience)
        for n, b in enumerate(buttons, start=1)
    ]
    return texts


async def _save(
    request: Request, key: str, conversation_id: str, options: dict[str, str], silences: int = 0
) -> None:
    async with session_scope(request.app.state.settings.database_url) as db:
        session = await find_session(db, key)
        if session is None:
            db.add(
                ChannelSession(
                    key_hash=key,
                    channel="voice",
                    conversation_id=conversation_id,
                    options=options,
                    silences=silences,
                )
            )
        else:
            session.conversation_id = conversation_id
            session.options = options
            session.silences = silences


async def _session(request: Request, key: str) -> ChannelSession | None:
    async with session_scope(request.app.state.settings.database_url) as db:
        return await find_session(db, key)


def _reply(result: TurnResult, prefix: list[str] | None = None) -> tuple[Response, dict[str, str]]:
    options, buttons = numbered(result.messages)
    texts = (prefix or []) + _texts(result, buttons)
    return _speak(texts, result.conversation.language, options), options


@router.post("")
async def call(request: Request) -> Response:
    """A call comes in: a new conversation, or the one this call is already in."""
    form = await verified_form(request)
    key = session_key(request, "call", form.get("CallSid", ""))
    conversations: ConversationService = request.app.state.conversations
    session = await _session(request, key)
    if session is None:
        result = await conversations.start("nl", "voice")
    else:
        result = await conversations.history(session.conversation_id, "voice")
        result.messages = result.messages[-1:]
    response, options = _reply(result)
    await _save(request, key, result.conversation.id, options)
    return response


@router.post("/answer")
async def answer(request: Request) -> Response:
    form = await verified_form(request)
    key = session_key(request, "call", form.get("CallSid", ""))
    conversations: ConversationService = request.app.state.conversations
    session = await _session(request, key)
    if session is None:
        return await call(request)
    digits = form.get("Digits", "").strip()
    speech = form.get("SpeechResult", "").strip()
    options = dict(session.options or {})
    conversation_id = session.conversation_id
    prefix: list[str] = []
    code = looks_like_code(speech) if speech else None
    if code:
        try:
            conversation_id, _ = await conversations.resume(code)
        except ConversationNotFound:
            code = None
    if code:
        result = await conversations.history(conversation_id, "voice")
        result.messages = result.messages[-1:]
        audience = Audience(language=result.conversation.language, channel="voice")
        prefix = [render_text("channels.resumed", {}, audience)]
    elif digits and digits in options:
        result = await conversations.send(
            conversation_id, text=None, payload=options[digits], channel="voice"
        )
    else:
        result = await conversations.send(
            conversation_id, text=speech or digits or "?", payload=None, channel="voice"
        )
    response, new_options = _reply(result, prefix)
    await _save(request, key, conversation_id, new_options)
    return response


@router.post("/silence")
async def silence(request: Request) -> Response:
    """Nothing was said or pressed: ask again, twice; then offer a callback."""
    form = await verified_form(request)
    key = session_key(request, "call", form.get("CallSid", ""))
    session = await _session(request, key)
    if session is None:
        return await call(request)
    conversations: ConversationService = request.app.state.conversations
    result = await conversations.history(session.conversation_id, "voice")
    audience = Audience(language=result.conversation.language, channel="voice")
    silences = session.silences + 1
    if silences > MAX_SILENCES:
        await _save(request, key, session.conversation_id, dict(session.options or {}), silences)
        offer = render_text("channels.voice.offer_callback", {}, audience)
        return _speak([offer], result.conversation.language, {"1": "yes"}, action=CALLBACK)
    result.messages = result.messages[-1:]
    response, options = _reply(result, [render_text("channels.voice.silence", {}, audience)])
    await _save(request, key, session.conversation_id, options, silences)
    return response


@router.post("/callback")
async def callback(request: Request) -> Response:
    """After the offer: yes asks the conversation for a person (it plans the callback);
    either way the caller hears their code and the number, and the call ends."""
    form = await verified_form(request)
    key = session_key(request, "call", form.get("CallSid", ""))
    session = await _session(request, key)
    twiml = VoiceResponse()
    if session is None:
        twiml.hangup()
        return Response(str(twiml), media_type="application/xml")
    conversations: ConversationService = request.app.state.conversations
    wants = form.get("Digits") == "1" or form.get("SpeechResult", "").strip().lower().startswith(
        "ja"
    )
    texts: list[str] = []
    if wants and not request.query_params.get("silent"):
        result = await conversations.send(
            session.conversation_id, text="ik wil teruggebeld worden", payload=None, channel="voice"
        )
        audience = Audience(language=result.conversation.language, channel="voice")
        texts.append(render_text("channels.voice.callback_yes", {}, audience))
        texts += [m["text"] for m in result.messages if "expects" not in m]
    history = await conversations.history(session.conversation_id, "voice")
    audience = Audience(language=history.conversation.language, channel="voice")
    code = await conversations.resume_code(session.conversation_id)
    texts.append(render_text("channels.voice.goodbye", {"code": code}, audience))
    language = VOICE.get(history.conversation.language, "nl-NL")
    for text in texts:
        twiml.say(text, language=language)
    twiml.hangup()
    return Response(str(twiml), media_type="application/xml")
