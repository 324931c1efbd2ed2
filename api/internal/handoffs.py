"""The warm handoff: the action server hands over a confirmed summary; we file the intake.

Idempotent: one conversation gives at most one intake. A second call (a retry after a
timeout, a double "ja") returns the same reference and files nothing new.
"""

from __future__ import annotations

import hmac
import logging
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from api.conversations.withhold import withhold_domains
from api.errors import ApiError
from api.notify import outbox
from api.settings import Settings
from api.store.db import session_scope
from api.store.models import Conversation, Intake
from api.store.references import next_reference
from api.summary_schema import problems

log = logging.getLogger(__name__)
router = APIRouter(prefix="/internal", include_in_schema=False)

URGENCY_RANK = {"acute": 0, "high": 1, "normal": 2}


class Handoff(BaseModel):
    conversation_id: str
    summary: dict[str, Any]


def _check_secret(request: Request, token: str | None) -> None:
    expected = request.app.state.settings.internal_token
    if not expected or not token or not hmac.compare_digest(expected, token):
        raise ApiError(401, "errors.not_allowed", "unauthorized")


@router.post("/handoffs")
async def handoff(
    body: Handoff,
    request: Request,
    x_voordeur_internal: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    _check_secret(request, x_voordeur_internal)
    settings = request.app.state.settings
    for _attempt in range(3):
        try:
            filed = await _file(settings, body)
        except IntegrityError:
            # A concurrent handoff of the same conversation won: answer with its reference.
            log.info("handoff raced; reading the intake that was filed")
            continue
        if filed["created"]:
            # Committed: the on-duty front office hears of an urgent intake at once.
            request.app.state.notifier.kick()
        return filed
    raise ApiError(409, "errors.bad_request", "conflict")


async def _file(settings: Settings, body: Handoff) -> dict[str, Any]:
    async with session_scope(settings.database_url) as db:
        conversation = await db.get(Conversation, body.conversation_id, with_for_update=True)
        if conversation is None:
            raise ApiError(404, "errors.not_found", "not_found")
        existing = await db.scalar(select(Intake).where(Intake.conversation_id == conversation.id))
        if existing is not None:
            return {"reference": existing.reference, "created": False}
        now = datetime.now(UTC)
        summary = dict(body.summary)
        summary.update(
            reference=await next_reference(db, now.year),
            created_at=now.isoformat(timespec="seconds"),
            channel=conversation.channel,
            language=conversation.language,
            assisted_by=conversation.assisted_by,
        )
        found = problems(summary)
        if found:
            log.error("handoff summary does not match the contract: %s", found[:5])
            raise ApiError(422, "errors.bad_request", "invalid_summary")
        callback = (summary.get("contact") or {}).get("callback") or {}
        flagged = [d["key"] for d in summary["domains"] if d["status"] in ("problem", "concern")]
        teams = summary["triage"]["suggested_teams"]
        intake = Intake(
            reference=summary["reference"],
            domains="," + "".join(f"{key}," for key in flagged),
            teams="," + "".join(f"{team}," for team in teams),
            conversation_id=conversation.id,
            created_at=now,
            urgency=summary["urgency"]["level"],
            urgency_rank=URGENCY_RANK[summary["urgency"]["level"]],
            callback_date=datetime.fromisoformat(callback["date"]).date()
            if callback.get("date")
            else None,
            summary=summary,
        )
        db.add(intake)
        # What the resident kept out of the handoff leaves the transcript in the same commit.
        await withhold_domains(db, conversation.id, summary["consent"].get("not_to_share") or [])
        # The id is needed for the outbox row, which commits together with the intake.
        await db.flush()
        outbox.queue(db, settings, intake)
        conversation.reference = summary["reference"]
        return {"reference": summary["reference"], "created": True}
