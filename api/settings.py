"""Settings from the environment only: secrets never live in files in the repository."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOORDEUR_", extra="ignore")

    # DATABASE_URL (no prefix) is the one switch newcomers and CI know.
    database_url: str = Field(
        default=f"sqlite:///{VAR_DIR / 'voordeur.db'}", validation_alias="DATABASE_URL"
    )
    rasa_url: str = "http://127.0.0.1:5005"
    actions_url: str = "http://127.0.0.1:5055"
    # Shared secret the action server shows when it hands an intake over.
    internal_token: str | None = None
    # How long a resident waits for the engine before we answer for it.
    engine_timeout_seconds: float = 15.0
    max_text_length: int = 2000
    resume_code_days: int = 30


@functools.cache
def get_settings() -> Settings:
    return Settings()
