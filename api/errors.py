"""Errors residents and clients see: always a clear 4xx with plain Dutch, never a 5xx."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.render import Audience, render_text


class ApiError(Exception):
    def __init__(self, status: int, key: str, code: str):
        self.status = status
        self.key = key
        self.code = code


def error_body(key: str, code: str) -> dict[str, Any]:
    return {"error": code, "message": render_text(key, {}, Audience())}


async def api_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return JSONResponse(error_body(error.key, error.code), status_code=error.status)


async def validation_handler(_request: Request, error: Exception) -> JSONResponse:
    # Pydantic's own wording is English and technical; residents get plain Dutch,
    # clients get the field that was wrong.
    assert isinstance(error, RequestValidationError)
    key, code = "errors.bad_request", "bad_request"
    for problem in error.errors():
        loc = problem.get("loc", ())
        if "text" in loc and problem.get("type") in ("string_too_long",):
            key, code = "errors.text_too_long", "text_too_long"
        elif "text" in loc:
            key, code = "errors.text_empty", "text_empty"
    body = error_body(key, code)
    body["fields"] = [
        ".".join(str(p) for p in problem.get("loc", ())) for problem in error.errors()
    ]
    return JSONResponse(body, status_code=422)


async def http_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    key = {404: "errors.not_found", 401: "errors.not_allowed", 403: "errors.not_allowed"}.get(
        error.status_code, "errors.bad_request"
    )
    return JSONResponse(
        error_body(key, str(error.status_code)),
        status_code=error.status_code,
        headers=error.headers,
    )


async def not_found_handler(_request: Request, _error: Exception) -> JSONResponse:
    """An unknown conversation, on any verb: the contract's 404 with plain Dutch."""
    return JSONResponse(error_body("errors.not_found", "not_found"), status_code=404)


async def database_unavailable_handler(request: Request, _error: Exception) -> JSONResponse:
    """The database stayed away longer than a turn may wait (api/store/retry.py).

    Residents get the chat's own shape with a calm message that this one was not
    saved (`state.saved` is false, so a client keeps the text to send again), never
    a 5xx. Staff and other systems get a 503 with a Retry-After.
    """
    path = request.url.path
    if path.startswith("/api/conversations"):
        message = {
            "text": render_text("system.not_saved", {}, Audience()),
            "key": "system.not_saved",
            "buttons": [],
        }
        return JSONResponse(
            {
                "conversation_id": request.path_params.get("conversation_id"),
                "messages": [message],
                "state": {"finished": False, "reference": None, "saved": False},
                "error": "database_unavailable",
            },
            status_code=200,
        )
    return JSONResponse(
        error_body("system.not_saved", "database_unavailable"),
        status_code=503,
        headers={"Retry-After": "30"},
    )
