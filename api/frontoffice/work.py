"""Working on an intake: status, claims, notes and callbacks, each one audited.

Shared by the staff pages and the JSON API, so both follow the same rules.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api import audit
from api.store.models import Intake, IntakeNote

STATUSES = ("nieuw", "in_behandeling", "teruggebeld", "doorgezet", "afgerond")
PARTS = ("morning", "afternoon", "evening")
MAX_NOTE = 4000


class WorkError(ValueError):
    """A change that cannot be made (an unknown status, an empty note)."""


def set_status(
    db: AsyncSession, intake: Intake, status: str, actor: str, role: str, via_api: bool = False
) -> None:
    if status not in STATUSES:
        raise WorkError("status")
    old = intake.status
    intake.status = status
    action = "api_status" if via_api else "status"
    audit.record(db, actor, role, action, intake.reference, f"{old} -> {status}")


def claim(
    db: AsyncSession, intake: Intake, staff_id: int | None, actor: str, role: str, assigned: bool
) -> None:
    intake.claimed_by = staff_id
    if staff_id is not None and intake.status == "nieuw":
        intake.status = "in_behandeling"
    audit.record(db, actor, role, "assign" if assigned else "claim", intake.reference)


def add_note(
    db: AsyncSession, intake: Intake, text: str, actor: str, role: str, kind: str = "note"
) -> None:
    text = text.strip()
    if not text or len(text) > MAX_NOTE:
        raise WorkError("note")
    db.add(IntakeNote(intake_id=intake.id, staff_name=actor, kind=kind, text=text))
    audit.record(db, actor, role, "note" if kind == "note" else "callback", intake.reference, kind)


def record_callback(
    db: AsyncSession,
    intake: Intake,
    reached: bool,
    text: str,
    actor: str,
    role: str,
    next_day: date | None = None,
    next_part: str | None = None,
) -> None:
    """A call made: reached (status teruggebeld) or not (a new moment, the queue keeps it)."""
    if reached:
        add_note(db, intake, text or "Teruggebeld.", actor, role, kind="callback_done")
        intake.status = "teruggebeld"
        return
    if next_day is None or next_part not in PARTS:
        raise WorkError("moment")
    summary = dict(intake.summary)
    contact = dict(summary.get("contact") or {})
    contact["callback"] = {"date": next_day.isoformat(), "part_of_day": next_part}
    summary["contact"] = contact
    intake.summary = summary
    intake.callback_date = next_day
    add_note(db, intake, text or "Niet bereikt.", actor, role, kind="callback_failed")
