"""Signing in and out. Wrong passwords count towards a lockout (api/staff/accounts.py)."""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.frontoffice.pages.common import HEADERS, checked, db_for, now, page
from api.staff import sessions
from api.staff.accounts import SignInRefused, sign_in

router = APIRouter()
# Before there is a session, the login form's CSRF token is a cookie and a field that
# must match (double submit): another site cannot read the cookie to fill the field.
LOGIN_CSRF = "voordeur_login_csrf"


def _safe_next(value: str | None) -> str:
    # Only back into the staff pages: never an open redirect to elsewhere.
    if value and value.startswith("/frontoffice") and not value.startswith("//"):
        return value
    return "/frontoffice/"


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.secure_cookies)


def _login_form(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    token = secrets.token_urlsafe(24)
    response = page(
        request,
        "login.html",
        status_code=status_code,
        csrf=token,
        error=error,
        next=_safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        secure=_secure(request),
        samesite="strict",
        path="/frontoffice",
    )
    return response


@router.get("/login")
async def login_page(request: Request) -> Response:
    return _login_form(request)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    expected = request.cookies.get(LOGIN_CSRF) or ""
    given = str(form.get("csrf") or "")
    if not expected or not hmac.compare_digest(expected, given):
        return _login_form(request, "csrf", status_code=403)
    username = str(form.get("username") or "")
    password = str(form.get("password") or "")
    async with db_for(request) as db:
        try:
            staff = await sign_in(db, username, password, now())
        except SignInRefused as refused:
            error = refused.reason
        else:
            error = None
            token, _csrf = await sessions.start(db, staff, now())
    if error:
        return _login_form(request, error, status_code=401 if error == "wrong" else 423)
    # A worker's place is "samen invullen", not the queue.
    target = (
        "/frontoffice/samen" if staff.role == "worker" else _safe_next(str(form.get("next") or ""))
    )
    response = RedirectResponse(target, status_code=303)
    response.headers.update(HEADERS)
    response.set_cookie(
        sessions.COOKIE,
        token,
        max_age=int(sessions.LIFETIME.total_seconds()),
        httponly=True,
        secure=_secure(request),
        samesite="strict",
        path="/frontoffice",
    )
    response.delete_cookie(LOGIN_CSRF, path="/frontoffice")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await checked(request)
    async with db_for(request) as db:
        await sessions.end(db, request.cookies.get(sessions.COOKIE))
    response = RedirectResponse("/frontoffice/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/frontoffice")
    return response
