"""Exports (PDF, JSON, a ZGW zaak, everything held) and erasure on request; all audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy import delete, inspect, select, text

from api import audit
from api.conversations.service import as_message
from api.frontoffice.pages.common import (
    HEADERS,
    LEADS,
    TEMPLATES,
    checked,
    db_for,
    intake_or_404,
    signed_in,
)
from api.frontoffice.view import intake_view
from api.frontoffice.zgw import zaak_export
from api.render import Audience
from api.store.models import AuditEntry, Conversation, Intake, IntakeNote, Message

router = APIRouter()


def _download(body: bytes, media_type: str, filename: str) -> Response:
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


@router.get("/intakes/{reference}/export.pdf")
async def export_pdf(reference: str, request: Request) -> Response:
    signed = await signed_in(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        audit.record(db, signed.staff.name, signed.staff.role, "export_pdf", reference)
    html = TEMPLATES.get_template("print.html").render(
        intake=intake,
        summary=intake.summary,
        view=intake_view(intake.summary),
        printed=datetime.now(UTC),
    )
    # Imported here: WeasyPrint needs Pango from the system (make install puts it there),
    # and the rest of the API must start even where it is missing.
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    return _download(pdf, "application/pdf", f"{reference}.pdf")


@router.get("/intakes/{reference}/export.json")
async def export_json(reference: str, request: Request) -> Response:
    signed = await signed_in(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        audit.record(db, signed.staff.name, signed.staff.role, "export_json", reference)
    body = json.dumps(intake.summary, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(body, "application/json", f"{reference}.json")


@router.get("/intakes/{reference}/zaak.json")
async def export_zaak(reference: str, request: Request) -> Response:
    signed = await signed_in(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        audit.record(db, signed.staff.name, signed.staff.role, "export_zaak", reference)
    body = json.dumps(zaak_export(intake, request.app.state.settings), ensure_ascii=False)
    return _download(body.encode("utf-8"), "application/json", f"{reference}-zaak.json")


@router.get("/intakes/{reference}/everything.json")
async def export_everything(reference: str, request: Request) -> Response:
    """All that is held about one intake (a resident's request to see their data)."""
    signed = await signed_in(request, LEADS)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        rows = (
            await db.scalars(
                select(Message)
                .where(Message.conversation_id == intake.conversation_id)
                .order_by(Message.seq)
            )
        ).all()
        notes = (
            await db.scalars(select(IntakeNote).where(IntakeNote.intake_id == intake.id))
        ).all()
        entries = (
            await db.scalars(
                select(AuditEntry).where(AuditEntry.reference == reference).order_by(AuditEntry.at)
            )
        ).all()
        audit.record(db, signed.staff.name, signed.staff.role, "export_all", reference)
    audience = Audience(language="nl", channel="web")
    body = {
        "reference": intake.reference,
        "status": intake.status,
        "summary": intake.summary,
        "transcript": [
            {**as_message(row, audience), "at": row.created_at.isoformat()}
            for row in rows
            if row.kind != "start"
        ],
        "notes": [
            {"at": n.created_at.isoformat(), "by": n.staff_name, "kind": n.kind, "text": n.text}
            for n in notes
        ],
        "audit": [
            {"at": e.at.isoformat(), "by": e.actor, "action": e.action, "detail": e.detail}
            for e in entries
        ],
    }
    return JSONResponse(
        body,
        headers={
            **HEADERS,
            "Content-Disposition": f'attachment; filename="{reference}-alles.json"',
        },
    )


@router.post("/intakes/{reference}/erase")
async def erase(reference: str, request: Request) -> Response:
    """Erase on request: the intake, its notes, its conversation and the engine's record
    of it. Only the audit entry that it happened remains (who, when, which reference)."""
    signed, form = await checked(request, LEADS)
    if form.get("confirm") != reference:
        return RedirectResponse(
            f"/frontoffice/intakes/{reference}?problem=confirm", status_code=303
        )
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        conversation_id = intake.conversation_id
        await db.execute(delete(Intake).where(Intake.id == intake.id))
        if conversation_id:
            await db.execute(delete(Message).where(Message.conversation_id == conversation_id))
            await db.execute(delete(Conversation).where(Conversation.id == conversation_id))
            if await db.run_sync(lambda s: inspect(s.connection()).has_table("events")):
                # Rasa's tracker store shares the database: its events are the resident's words too.
                await db.execute(
                    text("DELETE FROM events WHERE sender_id = :sender"),
                    {"sender": conversation_id},
                )
        audit.record(db, signed.staff.name, signed.staff.role, "erase", reference)
    return RedirectResponse("/frontoffice/?erased=1", status_code=303)
