"""Apply the database migrations (Alembic), configured in code."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic's ini interpolation treats % specially; URLs may contain it (passwords).
    config.set_main_option("voordeur.database_url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    # "heads": migrations written in parallel branches (each from 0001) all apply,
    # whether or not they have been chained one after the other yet.
    command.upgrade(alembic_config(database_url), "heads")


def revision(database_url: str, message: str) -> None:
    command.revision(alembic_config(database_url), message=message, autogenerate=True)
