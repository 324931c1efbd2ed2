"""Shared test settings. The database is SQLite by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.support.databases import temporary_database

# Free text is encrypted at rest (api/security/cipher.py): every test run, and the
# services the end-to-end tests start, get a fresh key unless the caller set one.
os.environ.setdefault("VOORDEUR_ENCRYPTION_KEYS", Fernet.generate_key().decode())

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Fast tests first: a broken unit shows before the slow end-to-end tests start.
    order = {"unit": 0, "contract": 1, "db": 2, "browser": 3, "e2e": 4}
    items.sort(key=lambda item: order.get(Path(str(item.fspath)).parent.name, 1))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, migrated database for this test run."""
    with temporary_database(os.environ.get("DATABASE_URL"), tmp_path_factory.mktemp("db")) as url:
        yield url


def require(condition: bool, reason: str) -> None:
    """Skip when something is missing, but never in CI: there it must be installed."""
    if condition:
        return
    if os.environ.get("VOORDEUR_CI"):
        pytest.fail(f"missing in CI: {reason}")
    pytest.skip(reason)
