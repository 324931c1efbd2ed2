"""The audit log, for admins only, read-only: there is no route that changes it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from api.audit import ACTIONS
from api.frontoffice.pages.common import db_for, page, signed_in
from api.store.models import AuditEntry

router = APIRouter()


@router.get("/audit")
async def audit_log(request: Request) -> Response:
    signed = await signed_in(request, ("admin",))
    reference = request.query_params.get("reference", "").strip()
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(500)
    if reference:
        query = query.where(AuditEntry.reference == reference)
    async with db_for(request) as db:
        entries = (await db.scalars(query)).all()
    return page(
        request, "audit.html", signed=signed, entries=entries, actions=ACTIONS, reference=reference
    )
