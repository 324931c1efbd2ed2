"""The front office's JSON API (contract: chat-api.md, "The front office")."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel
from sqlalchemy import select

from api import audit
from api.auth.tokens import STAFF_ROLES, bearer_principal
from api.errors import ApiError
from api.frontoffice.work import set_status
from api.store.db import session_scope
from api.store.models import Intake

router = APIRouter(prefix="/api/frontoffice", tags=["front office"])


@router.get("/intakes")
async def list_intakes(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    status: str | None = None,
    urgency: Literal["acute", "high", "normal"] | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    await bearer_principal(request, authorization, roles=STAFF_ROLES)
    # The queue's order: acute first, then high, then the oldest.
    query = select(Intake).order_by(Intake.urgency_rank, Intake.created_at, Intake.id)
    if status:
        query = query.where(Intake.status == status)
    if urgency:
        query = query.where(Intake.urgency == urgency)
    async with session_scope(request.app.state.settings.database_url) as db:
        rows = (await db.scalars(query.limit(limit).offset(offset))).all()
    return {"intakes": [row.summary for row in rows], "limit": limit, "offset": offset}


@router.get("/intakes/{reference}")
async def get_intake(
    reference: str, request: Request, authorization: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    caller = await bearer_principal(request, authorization, roles=STAFF_ROLES)
    async with session_scope(request.app.state.settings.database_url) as db:
        row = await db.scalar(select(Intake).where(Intake.reference == reference))
        if row is None:
            raise ApiError(404, "errors.not_found", "not_found")
        audit.record(db, caller.name, caller.role, "api_view", reference)
    return row.summary


class StatusChange(BaseModel):
    status: Literal["nieuw", "in_behandeling", "teruggebeld", "doorgezet", "afgerond"]


@router.patch("/intakes/{reference}")
async def change_status(
    reference: str,
    body: StatusChange,
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """For other systems (a case system that took the intake over): the status only."""
    caller = await bearer_principal(request, authorization, roles=STAFF_ROLES)
    async with session_scope(request.app.state.settings.database_url) as db:
        row = await db.scalar(select(Intake).where(Intake.reference == reference))
        if row is None:
            raise ApiError(404, "errors.not_found", "not_found")
        set_status(db, row, body.status, caller.name, caller.role, via_api=True)
    return {"reference": reference, "status": body.status}
