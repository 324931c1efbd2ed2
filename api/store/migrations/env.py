"""Alembic environment: the URL comes from the caller (api.store.migrate), never a file."""

from __future__ import annotations

from alembic import context

from api.store.db import make_sync_engine
from api.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = make_sync_engine(config.get_main_option("voordeur.database_url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            # Rasa's tracker store lives in the same database; leave its table alone.
            include_name=lambda name, type_, _parent: not (type_ == "table" and name == "events"),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
