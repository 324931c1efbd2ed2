"""Secrets come from the environment only, and production does not start without them.

Settings (api/settings.py) read no file: no `.env`, nothing in the repository. This
module checks what is needed before any service starts: with `VOORDEUR_ENV=production`
a missing or weak secret stops the start with a plain sentence naming the variable
(never its value); in development only the shape of what is set is checked.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

from api.security.cipher import EncryptionNotConfigured, parse_keys
from api.settings import Settings

log = logging.getLogger(__name__)

MIN_TOKEN_LENGTH = 32


class SecretsMissing(SystemExit):
    pass


def problems(settings: Settings) -> list[str]:
    found: list[str] = []
    production = settings.env == "production"
    try:
        keys = parse_keys(settings.encryption_keys)
    except EncryptionNotConfigured as error:
        found.append(str(error))
        keys = ["?"]
    if production and not keys:
        found.append(
            "VOORDEUR_ENCRYPTION_KEYS is not set: free text is stored encrypted and needs "
            "a key (`python -m api.cli new-key`)."
        )
    if production:
        token = settings.internal_token or ""
        if len(token) < MIN_TOKEN_LENGTH:
            found.append(
                f"VOORDEUR_INTERNAL_TOKEN must be set, at least {MIN_TOKEN_LENGTH} characters "
                "(the action server and the API share it)."
            )
        if make_url(settings.database_url).get_backend_name() != "postgresql":
            found.append("DATABASE_URL must point at PostgreSQL in production.")
        plain = [origin for origin in settings.origins() if not origin.startswith("https://")]
        if plain:
            found.append("VOORDEUR_CORS_ORIGINS may only name https:// origins in production.")
    return found


def enforce(settings: Settings) -> None:
    """Stop with a plain message when a secret is missing (production) or malformed."""
    found = problems(settings)
    if found:
        raise SecretsMissing(
            "Voordeur cannot start:\n" + "\n".join(f"  - {problem}" for problem in found)
        )
