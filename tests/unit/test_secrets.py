"""Secrets only from the environment; production does not start without them."""

from __future__ import annotations

import re
import subprocess

import pytest
from cryptography.fernet import Fernet

from api.security.secrets import SecretsMissing, enforce, problems
from api.settings import ROOT, Settings

KEY = Fernet.generate_key().decode()
TOKEN = "t" * 40


def production(**values: str) -> Settings:
    base = {
        "VOORDEUR_ENV": "production",
        "DATABASE_URL": "postgresql://voordeur@db.internal:5432/voordeur",
        "VOORDEUR_ENCRYPTION_KEYS": KEY,
        "VOORDEUR_INTERNAL_TOKEN": TOKEN,
    }
    base.update(values)
    return Settings.model_validate(
        {
            k.removeprefix("VOORDEUR_").lower() if k != "DATABASE_URL" else k: v
            for k, v in base.items()
        }
    )


def test_a_complete_production_configuration_starts() -> None:
    assert problems(production()) == []
    enforce(production())


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ({"VOORDEUR_ENCRYPTION_KEYS": ""}, "VOORDEUR_ENCRYPTION_KEYS"),
        ({"VOORDEUR_INTERNAL_TOKEN": ""}, "VOORDEUR_INTERNAL_TOKEN"),
        ({"VOORDEUR_INTERNAL_TOKEN": "short"}, "VOORDEUR_INTERNAL_TOKEN"),
        ({"DATABASE_URL": "sqlite:////srv/voordeur.db"}, "PostgreSQL"),
        ({"VOORDEUR_CORS_ORIGINS": "http://www.brunssum.nl"}, "https://"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(
    missing: dict[str, str], named: str
) -> None:
    with pytest.raises(SecretsMissing) as refused:
        enforce(production(**missing))
    assert named in str(refused.value)


def test_a_malformed_key_is_named_but_never_printed() -> None:
    bad = "not-a-fernet-key-but-a-secret-anyway"
    for settings in (
        production(VOORDEUR_ENCRYPTION_KEYS=bad),
        Settings.model_validate({"encryption_keys": f"{KEY},{bad}"}),
    ):
        with pytest.raises(SecretsMissing) as refused:
            enforce(settings)
        assert "key 2" in str(refused.value) or "key 1" in str(refused.value)
        assert bad not in str(refused.value)


def test_settings_read_no_file() -> None:
    config = Settings.model_config
    assert not config.get("env_file") and not config.get("secrets_dir")
    defaults = Settings.model_validate({})
    assert defaults.internal_token is None and defaults.smtp_password is None


# Secrets that must never be committed: a Fernet key, a private key, a bearer token,
# or a password written into a configuration file or a URL.
SECRET_SHAPES = {
    "fernet key": re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}=(?![A-Za-z0-9_=-])"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "bearer token": re.compile(r"\bvd_[A-Za-z0-9_-]{40,}"),
    "password in a URL": re.compile(r"\b[a-z+]+://[^\s:/@'\"]+:[^\s@/'\"{}$]+@"),
    # A quoted literal anywhere: password = "hunter22", "password": "hunter22".
    "password setting": re.compile(r"(?i)password['\"]?\s*[:=]\s*['\"][^\s'\"{}$]{4,}['\"]"),
}
# In configuration files a bare value counts too: `password: hunter22`.
CONFIG_PASSWORD = re.compile(r"(?im)^\s*[\w.-]*password\s*[:=]\s*[^\s'\"{}$#][^\s#]*")
CONFIG_SUFFIXES = (".yml", ".yaml", ".toml", ".ini", ".cfg", ".env", ".conf")
# Tests may write fake credentials to check parsing; nothing else may.
SCANNED_OUTSIDE_TESTS = ("password in a URL", "password setting")


def test_no_secret_is_committed_to_the_repository() -> None:
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in (".gz", ".png", ".jpg", ".ico", ".woff2"):
            continue
        content = path.read_text(encoding="utf-8", errors="ignore")
        for kind, shape in SECRET_SHAPES.items():
            if kind in SCANNED_OUTSIDE_TESTS and name.startswith("tests/"):
                continue
            if shape.search(content):
                found.append(f"{name}: {kind}")
        if path.suffix in CONFIG_SUFFIXES and CONFIG_PASSWORD.search(content):
            found.append(f"{name}: password in a configuration file")
    assert found == []


def test_the_secret_shapes_do_find_secrets() -> None:
    samples = {
        "fernet key": f"VOORDEUR_ENCRYPTION_KEYS={KEY}",
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "bearer token": "Authorization: Bearer vd_" + "x" * 43,
        "password in a URL": "postgresql://voordeur:geheim123@db:5432/v",
        "password setting": 'smtp_password = "geheim123"',
    }
    for kind, sample in samples.items():
        assert SECRET_SHAPES[kind].search(sample), kind
    assert CONFIG_PASSWORD.search("tracker_store:\n  password: geheim123\n")
    assert not CONFIG_PASSWORD.search("  password: ${DB_PASSWORD}\n")
