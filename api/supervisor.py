"""`make run`: Rasa, the action server and the API, supervised together by honcho.

One Ctrl-C stops all three. If one dies on its own, the others are stopped too and
the supervisor says in plain words which one and what to do.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from honcho.manager import Manager
from honcho.printer import Printer

from api.engine.endpoints import write_endpoints
from api.settings import RASA, ROOT, VAR_DIR

NAMES = {
    "rasa": "Rasa (the conversation engine)",
    "actions": "the action server (the intake logic)",
    "api": "the API (the door residents and staff use)",
    "balancer": "the balancer in front of the API workers",
}
DEV_KEY = VAR_DIR / "development-encryption.key"
STOPPED = re.compile(r"^(\w+) stopped \(rc=(-?\d+)\)")


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    api: int = 8000
    host: str = "127.0.0.1"
    # Scale-out on one machine: Rasa replicas on rasa, rasa+1, ...; with several API
    # workers they listen on api+1, api+2, ... behind a round-robin balancer on `api`.
    rasa_replicas: int = 1
    api_workers: int = 1

    def rasa_ports(self) -> list[int]:
        return [self.rasa + i for i in range(self.rasa_replicas)]

    def api_ports(self) -> list[int]:
        if self.api_workers == 1:
            return [self.api]
        return [self.api + 1 + i for i in range(self.api_workers)]

    def rasa_urls(self) -> str:
        return ",".join(f"http://{self.host}:{port}" for port in self.rasa_ports())


class PlainPrinter(Printer):
    """Honcho's output, plus a plain sentence when a service stops by itself."""

    def __init__(self) -> None:
        super().__init__(output=sys.stdout)
        self.stopping = False
        self.reported = False

    def write(self, message):  # type: ignore[no-untyped-def]
        super().write(message)
        if message.name != "system":
            return
        text = message.data if isinstance(message.data, str) else message.data.decode()
        if "received" in text:
            self.stopping = True
        match = STOPPED.match(text)
        if match and not self.stopping and not self.reported:
            self.reported = True
            name, code = match.groups()
            label = NAMES.get(name.rstrip("0123456789"), name)
            self.output.write(
                f"\n*** {label} stopped unexpectedly (exit code {code}).\n"
                "*** The other services are being stopped too. The lines above show why;\n"
                "*** fix that and run `make run` again.\n\n"
            )
            self.output.flush()


def commands(ports: Ports, model: Path, endpoints: Path) -> dict[str, list[str]]:
    """One command per process. Names: rasa, rasa2, ...; actions; api, api2, ...; balancer."""
    python = sys.executable
    rasa = str(RASA)
    result: dict[str, list[str]] = {}
    for number, port in enumerate(ports.rasa_ports(), start=1):
        result[_numbered("rasa", number)] = [
            rasa,
            "run",
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(ROOT / "bot" / "credentials.yml"),
            "--interface",
            ports.host,
            "--port",
            str(port),
        ]
    # Through our wrapper: the action server's logs are masked like the API's.
    result["actions"] = [
        python,
        "-m",
        "api.engine.action_server",
        "--actions",
        "actions",
        "--port",
        str(ports.actions),
    ]
    for number, port in enumerate(ports.api_ports(), start=1):
        result[_numbered("api", number)] = [
            python,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:app_from_env",
            "--host",
            ports.host,
            "--port",
            str(port),
        ]
    if ports.api_workers > 1:
        result["balancer"] = [
            python,
            "-m",
            "api.balancer",
            "--listen",
            f"{ports.host}:{ports.api}",
            *[f"{ports.host}:{port}" for port in ports.api_ports()],
        ]
    return result


def _numbered(name: str, number: int) -> str:
    return name if number == 1 else f"{name}{number}"


def development_key() -> str:
    """For `make run` without a key: one kept in var/ (never in the repository).

    Production sets VOORDEUR_ENV=production and VOORDEUR_ENCRYPTION_KEYS; there the API
    refuses to start without it (api/security/secrets.py).
    """
    from api.security.cipher import new_key

    if not DEV_KEY.exists():
        DEV_KEY.parent.mkdir(parents=True, exist_ok=True)
        DEV_KEY.write_text(new_key() + "\n", encoding="utf-8")
        DEV_KEY.chmod(0o600)
        print(
            f"note: no VOORDEUR_ENCRYPTION_KEYS set; made a development key in {DEV_KEY}.\n"
            "      In production set the key in the environment (see README).",
            flush=True,
        )
    return DEV_KEY.read_text(encoding="utf-8").strip()


def service_env(
    ports: Ports, database_url: str, internal_token: str | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SANIC_HOST=ports.host,  # the action server listens on loopback only
        # Several replicas: the API spreads turns over them, round robin.
        VOORDEUR_RASA_URL=ports.rasa_urls(),
        VOORDEUR_ACTIONS_URL=f"http://{ports.host}:{ports.actions}",
        VOORDEUR_API_URL=f"http://{ports.host}:{ports.api}",
        # The caller's secret, else the operator's, else a fresh one for this run.
        VOORDEUR_INTERNAL_TOKEN=internal_token
        or os.environ.get("VOORDEUR_INTERNAL_TOKEN")
        or secrets.token_urlsafe(32),
        VOORDEUR_ENCRYPTION_KEYS=(os.environ.get("VOORDEUR_ENCRYPTION_KEYS") or development_key()),
        # Rasa loads our tracker store (rasa_ext/) from the project's root.
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    return env


def _announce_when_ready(ports: Ports, started: float) -> None:
    base = f"http://{ports.host}:{ports.api}"
    while True:
        try:
            body = httpx.get(f"{base}/api/health", timeout=2.0).json()
            if body.get("status") == "ok":
                break
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1.0)
    print(
        f"\nVoordeur is ready after {time.monotonic() - started:.0f} s.\n"
        f"  Chat API (residents, widget):  {base}/api/conversations\n"
        f"  Front office API:             {base}/api/frontoffice/intakes\n"
        f"  API description (OpenAPI):    {base}/openapi.json\n"
        f"  Health:                       {base}/api/health\n"
        "Stop everything with Ctrl-C.\n",
        flush=True,
    )


def run(ports: Ports, database_url: str, model: Path) -> int:
    started = time.monotonic()
    endpoints = write_endpoints(
        VAR_DIR / "endpoints.yml", database_url, f"http://{ports.host}:{ports.actions}"
    )
    env = service_env(ports, database_url)
    printer = PlainPrinter()
    manager = Manager(printer=printer)
    for name, command in commands(ports, model, endpoints).items():
        manager.add_process(
            name, " ".join(_quote(part) for part in command), env=env, cwd=str(ROOT)
        )
    threading.Thread(target=_announce_when_ready, args=(ports, started), daemon=True).start()
    manager.loop()
    return manager.returncode or 0


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)
