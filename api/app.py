"""The FastAPI application: wires channels, front office, internal endpoints and health."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import health, logging_filter
from api.channels import messaging, voice, web, widget
from api.conversations.service import ConversationNotFound, ConversationService
from api.engine.rasa import RasaClient
from api.errors import (
    ApiError,
    api_error_handler,
    database_unavailable_handler,
    http_error_handler,
    not_found_handler,
    validation_handler,
)
from api.frontoffice import api as frontoffice_api
from api.frontoffice import pages as frontoffice_pages
from api.frontoffice.pages.common import Forbidden, NotSignedIn, login_redirect_path, page
from api.internal import handoffs
from api.notify.outbox import Notifier
from api.security.body_limit import BodyLimitMiddleware
from api.security.headers import SecurityHeadersMiddleware
from api.security.rate_limit import RateLimiter, RateLimitMiddleware
from api.security.secrets import enforce
from api.settings import Settings, get_settings
from api.store.db import get_async_engine
from api.store.retry import DatabaseUnavailable


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Before anything else: no start without the secrets production needs, and no
    # log line of this process leaves it unmasked.
    enforce(settings)
    logging_filter.install()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = RasaClient(settings.rasa_url, settings.engine_timeout_seconds)
        redis = _redis(settings)
        app.state.settings = settings
        app.state.conversations = ConversationService(settings, engine, redis)
        app.state.notifier = Notifier(settings)
        app.state.notifier.start()
        yield
        await app.state.notifier.stop()
        await engine.close()
        if redis is not None:
            await redis.aclose()
        await get_async_engine(settings.database_url).dispose()

    # No /docs or /redoc: those pages load their scripts from a CDN, and nothing here may.
    app = FastAPI(
        title="Voordeur", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(ConversationNotFound, not_found_handler)
    app.add_exception_handler(DatabaseUnavailable, database_unavailable_handler)
    app.include_router(web.router)
    app.include_router(voice.router)
    app.include_router(messaging.router)
    app.include_router(widget.router)
    app.include_router(frontoffice_api.router)
    app.include_router(frontoffice_pages.router)
    app.mount(
        "/frontoffice/static",
        StaticFiles(directory=Path(frontoffice_pages.__file__).parent.parent / "static"),
        name="staff-static",
    )

    @app.exception_handler(NotSignedIn)
    async def to_sign_in(_request: Request, error: NotSignedIn) -> Response:
        return RedirectResponse(login_redirect_path(error.next_path), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _error: Forbidden) -> Response:
        return page(request, "forbidden.html", status_code=403, signed=None)

    app.include_router(handoffs.router)
    app.include_router(health.router)
    # Outermost last: headers on every answer (429 and 413 too), CORS before limits
    # so a refused widget can still read why.
    app.add_middleware(RateLimitMiddleware, limiter=RateLimiter(settings))
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        internal_limit=settings.max_internal_body_bytes,
    )
    if settings.origins():
        # Only the municipality's own sites may embed the chat widget.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.origins(),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
            allow_credentials=False,
            max_age=600,
        )
    app.add_middleware(SecurityHeadersMiddleware)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # One line per call to the engine is noise at load; failures are logged by us.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return app


def _redis(settings: Settings):  # type: ignore[no-untyped-def]
    """Shared state for several API workers (the turn lock); None for one worker."""
    if not settings.redis_url:
        return None
    from redis.asyncio import Redis

    return Redis.from_url(settings.redis_url, socket_timeout=5, socket_connect_timeout=2)


def app_from_env() -> FastAPI:
    """Factory for uvicorn (`--factory api.app:app_from_env`)."""
    return create_app()
