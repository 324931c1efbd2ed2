"""The staff pages with 10,000 intakes: time of the queue page and of one intake page.

Fills a fresh database (a temporary SQLite file, or a new database on --database-url),
signs in, and requests each page repeatedly in-process. Prints median and p95 in
milliseconds (target under 300).

    .venv/bin/python bench/frontoffice_pages.py [--intakes 10000] [--runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from api.staff.accounts import create_staff  # noqa: E402
from api.store.db import get_async_engine, session_scope  # noqa: E402
from api.store.models import Intake  # noqa: E402
from tests.support.databases import temporary_database  # noqa: E402
from tests.support.handoffs import rich_summary, summary_with  # noqa: E402

PASSWORD = "bench wachtwoord 2026"


async def fill(database_url: str, count: int) -> str:
    rng = random.Random(7)
    shapes = [rich_summary(), summary_with(), summary_with("eviction"), summary_with("suicide")]
    rank = {"acute": 0, "high": 1, "normal": 2}
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows = []
    for number in range(1, count + 1):
        summary = dict(rng.choice(shapes))
        reference = f"VD-2026-{number:06d}"
        summary["reference"] = reference
        level = summary["urgency"]["level"]
        flagged = [d["key"] for d in summary["domains"] if d["status"] in ("problem", "concern")]
        rows.append(
            {
                "reference": reference,
                "created_at": start + timedelta(minutes=47 * number),
                "status": rng.choice(
                    ["nieuw", "nieuw", "in_behandeling", "teruggebeld", "afgerond"]
                ),
                "urgency": level,
                "urgency_rank": rank[level],
                "callback_date": date(2026, 1, 2) + timedelta(days=number % 300),
                "summary": summary,
                "domains": "," + "".join(f"{k}," for k in flagged),
                "teams": "," + "".join(f"{t}," for t in summary["triage"]["suggested_teams"]),
                "updated_at": start,
            }
        )
    async with session_scope(database_url) as db:
        for chunk in range(0, len(rows), 1000):
            await db.execute(insert(Intake), rows[chunk : chunk + 1000])
        await create_staff(db, "bench", "Bench", "frontoffice", PASSWORD)
    await get_async_engine(database_url).dispose()
    return f"VD-2026-{count // 2:06d}"


def timed(client: TestClient, path: str, runs: int) -> list[float]:
    client.get(path)  # warm-up: templates compiled, caches filled
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.status_code
    return times


def report(name: str, times: list[float]) -> None:
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(
        f"{name:32s} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms (target < 300)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--intakes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--database-url", help="a server to measure on (a fresh database is made there)"
    )
    args = parser.parse_args()
    # Request logs would drown the figures.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with temporary_database(args.database_url, Path(tempfile.mkdtemp())) as database_url:
        measure(database_url, args.intakes, args.runs)


def measure(database_url: str, intakes: int, runs: int) -> None:
    started = time.perf_counter()
    middle = asyncio.run(fill(database_url, intakes))
    print(f"filled {intakes} intakes in {time.perf_counter() - started:.1f} s")
    settings = Settings.model_validate({"DATABASE_URL": database_url})
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        form = client.get("/frontoffice/login").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        client.post(
            "/frontoffice/login",
            data={"username": "bench", "password": PASSWORD, "csrf": csrf, "next": "/frontoffice/"},
        )
        report("queue page (first 50, open)", timed(client, "/frontoffice/", runs))
        report("queue page, filtered on debts", timed(client, "/frontoffice/?domain=debts", runs))
        report("queue page, page 20", timed(client, "/frontoffice/?page=20", runs))
        report("one intake page", timed(client, f"/frontoffice/intakes/{middle}", runs))


if __name__ == "__main__":
    main()
