"""The queue: acute first, then high, then the oldest; filters, counts, who has what."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from api.frontoffice.pages.common import STATUSES, db_for, page, signed_in
from api.frontoffice.view import PILLARS, callback_text, domain_label, staff
from api.store.models import Intake, StaffAccount
from content.loader import load_bank, load_triage

router = APIRouter()
PAGE_SIZE = 50


def _filters(request: Request) -> dict[str, str]:
    keys = ("status", "urgency", "domain", "team", "callback", "mine")
    return {k: v for k in keys if (v := request.query_params.get(k, "").strip())}


@router.get("/")
async def queue(request: Request) -> Response:
    signed = await signed_in(request)
    chosen = _filters(request)
    try:
        page_number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page_number = 1
    query = select(Intake, StaffAccount.name).outerjoin(
        StaffAccount, StaffAccount.id == Intake.claimed_by
    )
    if "status" in chosen:
        query = query.where(Intake.status == chosen["status"])
    else:
        # Finished work leaves the default view; the filter still shows it.
        query = query.where(Intake.status != "afgerond")
    if "urgency" in chosen:
        query = query.where(Intake.urgency == chosen["urgency"])
    if "domain" in chosen:
        query = query.where(Intake.domains.contains(f",{chosen['domain']},"))
    if "team" in chosen:
        query = query.where(Intake.teams.contains(f",{chosen['team']},"))
    if "callback" in chosen:
        try:
            query = query.where(Intake.callback_date == date.fromisoformat(chosen["callback"]))
        except ValueError:
            chosen.pop("callback")
    if chosen.get("mine"):
        query = query.where(Intake.claimed_by == signed.staff.id)
    query = (
        query.order_by(Intake.urgency_rank, Intake.created_at, Intake.id)
        .limit(PAGE_SIZE + 1)
        .offset((page_number - 1) * PAGE_SIZE)
    )
    async with db_for(request) as db:
        rows = (await db.execute(query)).all()
        counts = dict(
            (await db.execute(select(Intake.status, func.count()).group_by(Intake.status))).all()
        )
    items: list[dict[str, Any]] = []
    for intake, claimed_name in rows[:PAGE_SIZE]:
        summary = intake.summary
        items.append(
            {
                "reference": intake.reference,
                "urgency": intake.urgency,
                "reasons": (summary.get("urgency") or {}).get("reasons") or [],
                "status": intake.status,
                "created_at": intake.created_at,
                "name": (summary.get("contact") or {}).get("name"),
                "domains": [domain_label(k) for k in intake.domains.strip(",").split(",") if k],
                "teams": [staff(f"team.{k}") for k in intake.teams.strip(",").split(",") if k],
                "callback": callback_text((summary.get("contact") or {}).get("callback")),
                "claimed_by": claimed_name,
            }
        )
    bank = load_bank()
    teams = sorted({t for ts in load_triage().teams_by_domain.values() for t in ts})
    return page(
        request,
        "queue.html",
        signed=signed,
        items=items,
        counts={s: counts.get(s, 0) for s in STATUSES},
        statuses=STATUSES,
        chosen=chosen,
        domains=[
            (key, domain_label(key))
            for pillar in PILLARS
            for key, d in bank.domains.items()
            if d.pillar == pillar
        ],
        teams=[(t, staff(f"team.{t}")) for t in teams],
        page_number=page_number,
        has_next=len(rows) > PAGE_SIZE,
    )
