"""The web widget: one script tag on any municipal page, and a full page at /chat.

Plain JavaScript and CSS served by the API (no build, nothing from a CDN). The widget's
own labels come from content/ through the renderer, like every resident-facing word.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse

from api.errors import ApiError
from api.render import Audience, render_text
from content.loader import LANGUAGES, load_texts

router = APIRouter(include_in_schema=False)
ASSETS = Path(__file__).resolve().parent / "widget"


@router.get("/widget.js")
async def widget_script() -> FileResponse:
    return FileResponse(ASSETS / "widget.js", media_type="text/javascript")


@router.get("/widget.css")
async def widget_style() -> FileResponse:
    return FileResponse(ASSETS / "widget.css", media_type="text/css")


@router.get("/chat")
async def chat_page() -> HTMLResponse:
    return HTMLResponse((ASSETS / "chat.html").read_text(encoding="utf-8"))


@router.get("/api/widget/texts")
async def widget_texts(language: str = Query("nl")) -> dict[str, str]:
    if language not in LANGUAGES:
        raise ApiError(422, "errors.language_unknown", "language_unknown")
    audience = Audience(language=language, channel="web")
    keys = [key for key in load_texts() if key.startswith("widget.")]
    return {key.removeprefix("widget."): render_text(key, {}, audience) for key in keys}
