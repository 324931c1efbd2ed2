"""`python -m api.cli rotate-keys`: every stored secret value re-encrypted with the first key.

Works on the raw columns (not through the encrypting column types), in batches of one
transaction each, so it can run while Voordeur runs and can be stopped and run again.
Values written before encryption was switched on are encrypted now. The engine's
events (Rasa's tracker store, the same database) are included.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Integer, Text, column, inspect, select, table, update

from api.security.cipher import cipher, is_encrypted
from api.store.db import get_async_engine, session_scope

BATCH = 500

# (table, column, is the column JSON?)
COLUMNS = (
    ("messages", "body", False),
    ("messages", "envelope", True),
    ("intakes", "summary", True),
    ("events", "data", False),
)


def _rotated(value: Any, is_json: bool) -> Any:
    if isinstance(value, str) and (not is_json or is_encrypted(value)):
        return cipher().rotate(value)
    # A JSON value from before encryption: encrypt its text.
    return cipher().encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


async def rotate_all(database_url: str) -> dict[str, int]:
    async with get_async_engine(database_url).connect() as connection:
        present = set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    counts: dict[str, int] = {}
    for table_name, column_name, is_json in COLUMNS:
        if table_name not in present:
            continue
        value_type = JSON() if is_json else Text()
        rows = table(table_name, column("id", Integer()), column(column_name, value_type))
        value = rows.c[column_name]
        done = 0
        last_id = 0
        while True:
            async with session_scope(database_url) as db:
                batch = (
                    await db.execute(
                        select(rows.c.id, value)
                        .where(rows.c.id > last_id, value.is_not(None))
                        .order_by(rows.c.id)
                        .limit(BATCH)
                    )
                ).all()
                for row_id, stored in batch:
                    if stored is None or (isinstance(stored, str) and cipher().is_current(stored)):
                        continue
                    await db.execute(
                        update(rows)
                        .where(rows.c.id == row_id)
                        .values({column_name: _rotated(stored, is_json)})
                    )
                    done += 1
            if not batch:
                break
            last_id = batch[-1][0]
        counts[f"{table_name}.{column_name}"] = done
    return counts
