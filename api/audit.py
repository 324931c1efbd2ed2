"""The audit log: every view, change and export of an intake, by whom and when.

Append-only by construction: this module only inserts, and no route updates or
deletes `audit_log`. Entries hold the reference and the staff member, never the
resident's data.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from api.store.models import AuditEntry

ACTIONS = {
    "view": "bekeken",
    "view_transcript": "gesprek bekeken",
    "claim": "opgepakt",
    "assign": "toegewezen",
    "status": "status gewijzigd",
    "note": "notitie gemaakt",
    "callback": "terugbellen vastgelegd",
    "export_pdf": "PDF gemaakt",
    "export_json": "JSON gemaakt",
    "export_zaak": "zaak-export gemaakt",
    "export_all": "alles over deze aanmelding opgevraagd",
    "erase": "gewist op verzoek",
    "api_view": "opgevraagd via de API",
    "api_status": "status gewijzigd via de API",
    "assisted_consent": "toestemming bevestigd bij samen invullen",
}


def record(
    db: AsyncSession,
    actor: str,
    role: str,
    action: str,
    reference: str | None,
    detail: str | None = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.add(AuditEntry(actor=actor, role=role, action=action, reference=reference, detail=detail))
