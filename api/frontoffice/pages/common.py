"""What every staff page shares: templates, who is signed in, roles, CSRF, safe headers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.frontoffice.view import staff as staff_text
from api.staff import sessions
from api.staff.accounts import Staff
from api.store.db import session_scope
from api.store.models import Intake

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
TEMPLATES.env.globals["t"] = staff_text

ALL_STAFF = ("frontoffice", "teamlead", "admin")
LEADS = ("teamlead", "admin")
STATUSES = ("nieuw", "in_behandeling", "teruggebeld", "doorgezet", "afgerond")

# Pages with special-category data: not cached, not framed, no scripts from elsewhere.
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class NotSignedIn(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


class Forbidden(Exception):
    pass


@dataclass(frozen=True)
class Signed:
    staff: Staff
    csrf: str


def now() -> datetime:
    return datetime.now(UTC)


def db_for(request: Request) -> Any:
    return session_scope(request.app.state.settings.database_url)


async def signed_in(request: Request, roles: tuple[str, ...] = ALL_STAFF) -> Signed:
    """The staff member behind the session cookie; sign-in page if none, 403 if wrong role."""
    async with db_for(request) as db:
        found = await sessions.find(db, request.cookies.get(sessions.COOKIE), now())
    if found is None:
        raise NotSignedIn(request.url.path)
    staff, csrf = found
    if staff.role not in roles:
        raise Forbidden
    return Signed(staff, csrf)


async def checked(request: Request, roles: tuple[str, ...] = ALL_STAFF) -> tuple[Signed, Any]:
    """For a form post: signed in, right role, and the form's CSRF token matches."""
    signed = await signed_in(request, roles)
    form = await request.form()
    if not sessions.csrf_ok(signed.csrf, str(form.get("csrf") or "")):
        raise Forbidden
    return signed, form


async def intake_or_404(db: AsyncSession, reference: str) -> Intake:
    from api.errors import ApiError

    row = await db.scalar(select(Intake).where(Intake.reference == reference))
    if row is None:
        raise ApiError(404, "errors.not_found", "not_found")
    return row


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    response = TEMPLATES.TemplateResponse(
        request, template, {"request": request, **context}, status_code=status_code
    )
    response.headers.update(HEADERS)
    return response


def login_redirect_path(next_path: str) -> str:
    return f"/frontoffice/login?next={quote(next_path)}"
