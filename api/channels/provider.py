"""What the phone and messaging doors share: the provider's signature, session keys,
numbered choices, and finding the conversation a caller or sender is in."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession
from twilio.request_validator import RequestValidator

from api.conversations.codes import ALPHABET, LENGTH, normalise_code
from api.errors import ApiError
from api.store.models import ChannelSession


async def verified_form(request: Request) -> dict[str, str]:
    """The webhook's form, after checking the provider signed it (else 403)."""
    settings = request.app.state.settings
    form = {key: str(value) for key, value in (await request.form()).items()}
    token = settings.twilio_auth_token
    signature = request.headers.get("X-Twilio-Signature", "")
    url = str(request.url)
    if settings.public_url:
        # Behind a proxy: the provider signed the address it called, not ours.
        url = settings.public_url.rstrip("/") + request.url.path
    if not token or not signature or not RequestValidator(token).validate(url, form, signature):
        raise ApiError(403, "errors.not_allowed", "bad_signature")
    return form


def session_key(request: Request, kind: str, identifier: str) -> str:
    """An HMAC of the provider's identifier: the table never holds a phone number."""
    secret = (request.app.state.settings.twilio_auth_token or "").encode()
    return hmac.new(secret, f"{kind}:{identifier}".encode(), hashlib.sha256).hexdigest()


async def find_session(db: AsyncSession, key: str) -> ChannelSession | None:
    return await db.get(ChannelSession, key)


def numbered(messages: list[dict[str, Any]]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The last question's buttons as numbers: {"1": payload}, and the buttons in order."""
    question = next((m for m in reversed(messages) if m.get("buttons")), None)
    buttons = list(question["buttons"]) if question else []
    return {str(n): b["payload"] for n, b in enumerate(buttons, start=1)}, buttons


def looks_like_code(text: str) -> str | None:
    code = normalise_code(text)
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None
