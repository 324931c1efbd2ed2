"""One intake: the household's situation at a glance, the work on it, the transcript
behind a second, deliberate click. Every view is audited."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from api import audit
from api.conversations.service import as_message
from api.frontoffice.pages.common import (
    LEADS,
    Forbidden,
    checked,
    db_for,
    intake_or_404,
    page,
    signed_in,
)
from api.frontoffice.view import intake_view
from api.frontoffice.work import STATUSES, WorkError, add_note, claim, record_callback, set_status
from api.render import Audience
from api.store.models import Conversation, IntakeNote, Message, StaffAccount

router = APIRouter()


def _back(reference: str, problem: str | None = None) -> RedirectResponse:
    suffix = f"?problem={problem}" if problem else ""
    return RedirectResponse(f"/frontoffice/intakes/{reference}{suffix}", status_code=303)


@router.get("/intakes/{reference}")
async def intake_page(reference: str, request: Request) -> Response:
    signed = await signed_in(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        notes = (
            await db.scalars(
                select(IntakeNote)
                .where(IntakeNote.intake_id == intake.id)
                .order_by(IntakeNote.created_at.desc())
            )
        ).all()
        colleagues = (
            await db.execute(
                select(StaffAccount.id, StaffAccount.name)
                .where(StaffAccount.disabled_at.is_(None))
                .order_by(StaffAccount.name)
            )
        ).all()
        claimed = next((name for sid, name in colleagues if sid == intake.claimed_by), None)
        audit.record(db, signed.staff.name, signed.staff.role, "view", reference)
    return page(
        request,
        "intake.html",
        signed=signed,
        intake=intake,
        summary=intake.summary,
        view=intake_view(intake.summary),
        notes=notes,
        colleagues=colleagues,
        claimed=claimed,
        statuses=STATUSES,
        is_lead=signed.staff.role in LEADS,
        problem=request.query_params.get("problem"),
        today=date.today().isoformat(),
    )


@router.get("/intakes/{reference}/transcript")
async def transcript(reference: str, request: Request) -> Response:
    signed = await signed_in(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        conversation = (
            await db.get(Conversation, intake.conversation_id) if intake.conversation_id else None
        )
        rows = (
            (
                await db.scalars(
                    select(Message)
                    .where(Message.conversation_id == conversation.id, Message.kind != "start")
                    .order_by(Message.seq)
                )
            ).all()
            if conversation
            else []
        )
        audit.record(db, signed.staff.name, signed.staff.role, "view_transcript", reference)
    # Staff read Dutch, on the web's wording, whatever the resident's channel was.
    audience = Audience(language="nl", channel="web")
    messages = [{**as_message(row, audience), "at": row.created_at} for row in rows]
    return page(request, "transcript.html", signed=signed, intake=intake, messages=messages)


@router.post("/intakes/{reference}/claim")
async def claim_it(reference: str, request: Request) -> Response:
    signed, form = await checked(request)
    target = form.get("staff_id")
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        if target in (None, "", "me"):
            claim(db, intake, signed.staff.id, signed.staff.name, signed.staff.role, assigned=False)
        elif target == "none":
            claim(db, intake, None, signed.staff.name, signed.staff.role, assigned=True)
        else:
            # Giving work to a colleague is for team leads.
            if signed.staff.role not in LEADS:
                raise Forbidden
            colleague = (
                await db.get(StaffAccount, int(str(target))) if str(target).isdigit() else None
            )
            if colleague is None:
                return _back(reference, "staff")
            claim(db, intake, colleague.id, signed.staff.name, signed.staff.role, assigned=True)
    return _back(reference)


@router.post("/intakes/{reference}/status")
async def status(reference: str, request: Request) -> Response:
    signed, form = await checked(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        try:
            set_status(
                db, intake, str(form.get("status") or ""), signed.staff.name, signed.staff.role
            )
        except WorkError as error:
            return _back(reference, str(error))
    return _back(reference)


@router.post("/intakes/{reference}/notes")
async def note(reference: str, request: Request) -> Response:
    signed, form = await checked(request)
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        try:
            add_note(db, intake, str(form.get("text") or ""), signed.staff.name, signed.staff.role)
        except WorkError as error:
            return _back(reference, str(error))
    return _back(reference)


@router.post("/intakes/{reference}/callback")
async def callback(reference: str, request: Request) -> Response:
    signed, form = await checked(request)
    reached = form.get("outcome") == "done"
    next_day = None
    if not reached:
        try:
            next_day = date.fromisoformat(str(form.get("next_date") or ""))
        except ValueError:
            return _back(reference, "moment")
    async with db_for(request) as db:
        intake = await intake_or_404(db, reference)
        try:
            record_callback(
                db,
                intake,
                reached,
                str(form.get("text") or ""),
                signed.staff.name,
                signed.staff.role,
                next_day,
                str(form.get("next_part") or ""),
            )
        except WorkError as error:
            return _back(reference, str(error))
    return _back(reference)
