"""The FastAPI application: wires channels, front office, internal endpoints and health."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import health
from api.channels import web
from api.conversations.service import ConversationNotFound, ConversationService
from api.engine.rasa import RasaClient
from api.errors import (
    ApiError,
    api_error_handler,
    http_error_handler,
    not_found_handler,
    validation_handler,
)
from api.frontoffice import api as frontoffice_api
from api.internal import handoffs
from api.settings import Settings, get_settings
from api.store.db import get_async_engine


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = RasaClient(settings.rasa_url, settings.engine_timeout_seconds)
        app.state.settings = settings
        app.state.conversations = ConversationService(settings, engine)
        yield
        await engine.close()
        await get_async_engine(settings.database_url).dispose()

    # No /docs or /redoc: those pages load their scripts from a CDN, and nothing here may.
    app = FastAPI(
        title="Voordeur", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None
    )
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(ConversationNotFound, not_found_handler)
    app.include_router(web.router)
    app.include_router(frontoffice_api.router)
    app.include_router(handoffs.router)
    app.include_router(health.router)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn (`--factory api.app:app_from_env`)."""
    return create_app()
