"""Samen invullen: a welfare worker starts an intake for a client sitting beside them.

The worker confirms consent on the client's behalf with an explicit statement (audited);
the conversation is then opened in the chat, where the assistant speaks to the client.
The summary says `channel: assisted` and who helped (`assisted_by`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api import audit
from api.frontoffice.pages.common import checked, db_for, page, signed_in

router = APIRouter()
WORKERS = ("worker",)
# The payload of "Ja" to the consent question, given by the worker for the client.
CONSENT_YES = '/choose{"question":"consent.share","option":"yes"}'


@router.get("/samen")
async def start_page(request: Request) -> Response:
    signed = await signed_in(request, WORKERS)
    return page(request, "assisted.html", signed=signed, missing=False)


@router.post("/samen")
async def start(request: Request) -> Response:
    signed, form = await checked(request, WORKERS)
    if form.get("statement") != "yes":
        # Without the explicit statement nothing starts: consent is not a formality.
        return page(request, "assisted.html", status_code=422, signed=signed, missing=True)
    staff = signed.staff
    assisted_by = {"name": staff.name}
    if staff.organisation:
        assisted_by["organisation"] = staff.organisation
    conversations = request.app.state.conversations
    started = await conversations.start("nl", "assisted", assisted_by)
    conversation_id = started.conversation.id
    async with db_for(request) as db:
        audit.record(
            db, staff.name, staff.role, "assisted_consent", None, f"gesprek {conversation_id[:8]}"
        )
    # The client has said yes, through the worker: the first question is not asked again.
    await conversations.send(conversation_id, text=None, payload=CONSENT_YES)
    return RedirectResponse(f"/chat#gesprek={conversation_id}", status_code=303)
