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
from api.settings import ROOT, VAR_DIR

NAMES = {
    "rasa": "Rasa (the conversation engine)",
    "actions": "the action server (the intake logic)",
    "api": "the API (the door residents and staff use)",
}
STOPPED = re.compile(r"^(\w+) stopped \(rc=(-?\d+)\)")


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    api: int = 8000
    host: str = "127.0.0.1"


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
            self.output.write(
                f"\n*** {NAMES.get(name, name)} stopped unexpectedly (exit code {code}).\n"
                "*** The other services are being stopped too. The lines above show why;\n"
                "*** fix that and run `make run` again.\n\n"
            )
            self.output.flush()


def commands(ports: Ports, model: Path, endpoints: Path) -> dict[str, list[str]]:
    python = sys.executable
    rasa = str(ROOT / ".venv-rasa" / "bin" / "rasa")
    return {
        "rasa": [
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
            str(ports.rasa),
        ],
        "actions": [python, "-m", "rasa_sdk", "--actions", "actions", "--port", str(ports.actions)],
        "api": [
            python,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:app_from_env",
            "--host",
            ports.host,
            "--port",
            str(ports.api),
        ],
    }


def service_env(
    ports: Ports, database_url: str, internal_token: str | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        SANIC_HOST=ports.host,  # the action server listens on loopback only
        VOORDEUR_RASA_URL=f"http://{ports.host}:{ports.rasa}",
        VOORDEUR_ACTIONS_URL=f"http://{ports.host}:{ports.actions}",
        VOORDEUR_API_URL=f"http://{ports.host}:{ports.api}",
        # The caller's secret, else the operator's, else a fresh one for this run.
        VOORDEUR_INTERNAL_TOKEN=internal_token
        or os.environ.get("VOORDEUR_INTERNAL_TOKEN")
        or secrets.token_urlsafe(32),
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
