"""Settings from the environment only: secrets never live in files in the repository."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var"
# The engine's own environment (Rasa 3.6 needs Python 3.10), built by the Makefile.
ENGINE_BIN = ROOT / ".venv-rasa" / "bin"
RASA = ENGINE_BIN / "rasa"
ENGINE_PYTHON = ENGINE_BIN / "python"


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

    # Mail to the on-duty front office about urgent intakes. Nothing is sent unless a
    # host and at least one address are set. Addresses per urgency, comma-separated.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "voordeur@localhost"
    notify_acute: str = ""
    notify_high: str = ""
    # How often mails the server refused are tried again.
    notify_retry_seconds: float = 60.0
    # Where staff open an intake (the link in the mail).
    staff_url: str = "http://127.0.0.1:8000"
    # The ZGW export (api/frontoffice/zgw.py): the municipality's RSIN and catalogue URLs.
    zgw_rsin: str = "000000000"
    zgw_zaaktype: str = "urn:voordeur:zaaktype:aanmelding-sociaal-domein"
    zgw_informatieobjecttype: str = "urn:voordeur:informatieobjecttype:samenvatting"
    # The telephony and messaging provider (Twilio-compatible): its auth token signs every
    # webhook request. Without it the phone and messaging doors stay shut.
    twilio_auth_token: str | None = None
    # The public address the provider calls (signatures cover the exact URL), if the API
    # sits behind a proxy that changes it.
    public_url: str | None = None
    # Staff session cookies only over HTTPS. Off only for a local run on plain http.
    secure_cookies: bool = True

    # --- Privacy and security (api/security/, api/retention.py) ---
    # "production" refuses to start without the secrets below; "development" (make run)
    # gets a key from the supervisor, kept in var/ and never in the repository.
    env: str = "development"
    # Fernet keys, comma-separated, newest first: the first encrypts, all decrypt.
    # Rotation: put a new key in front, run `python -m api.cli rotate-keys`, then drop
    # the old one. Never in a file in the repository.
    encryption_keys: str = ""
    # Shared state for several API workers (rate limits, the per-conversation turn lock)
    # and Rasa's lock store. Without it: in memory, for one worker.
    redis_url: str | None = None
    # Rate limits ("N/second|minute|hour"), per client address and per conversation.
    rate_limit_client: str = "120/minute"
    rate_limit_conversation: str = "30/minute"
    rate_limit_start: str = "20/minute"
    # Guessing resume codes (25^8 of them) from one address: a handful of tries only.
    rate_limit_resume: str = "10/minute"
    # Largest request body in bytes; the handoff from the action server may be larger.
    max_body_bytes: int = 16_384
    max_internal_body_bytes: int = 1_048_576
    # Municipal web sites that may embed the chat widget (CORS), comma-separated.
    cors_origins: str = ""
    # Retention, in days (api/retention.py; `python -m api.cli retention`).
    retention_abandoned_days: int = 30
    retention_transcript_days: int = 90
    retention_summary_days: int = 730
    # Intake statuses that mean the front office is done with it.
    closed_statuses: str = "afgerond"
    # How long one step of a turn keeps trying when the database is briefly away.
    database_retry_seconds: float = 20.0

    def origins(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    def closed(self) -> list[str]:
        return [status.strip() for status in self.closed_statuses.split(",") if status.strip()]

    def notify_addresses(self, urgency: str) -> list[str]:
        raw = {"acute": self.notify_acute, "high": self.notify_high}.get(urgency, "")
        return [address.strip() for address in raw.split(",") if address.strip()]


@functools.cache
def get_settings() -> Settings:
    return Settings()
