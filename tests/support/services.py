"""Starts the three real services (Rasa, the action server, the API) on free ports.

No mocks: the end-to-end tests talk HTTP to these processes. Each service can be
stopped and started again on the same port, to prove that nothing is lost.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.engine.endpoints import write_endpoints
from api.engine.model import ensure_model
from api.supervisor import Ports, commands, service_env

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "services"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Service:
    name: str
    command: list[str]
    env: dict[str, str]
    ready_url: str
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        log = (OUTPUT / f"{self.name}.log").open("ab")
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 240.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {OUTPUT / (self.name + '.log')}")
            try:
                if httpx.get(self.ready_url, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{self.name} not ready after {timeout} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Stack:
    database_url: str
    rasa: Service
    actions: Service
    api: Service
    internal_token: str

    @property
    def api_url(self) -> str:
        return self.api.ready_url.removesuffix("/api/health")

    def stop(self) -> None:
        for service in (self.api, self.rasa, self.actions):
            service.stop()


# Tests hold many conversations from one address, faster than any resident types: the
# rate limits are tested on their own (tests/db/test_http_protection.py).
UNLIMITED = {
    "VOORDEUR_RATE_LIMIT_CLIENT": "1000000/minute",
    "VOORDEUR_RATE_LIMIT_START": "1000000/minute",
    "VOORDEUR_RATE_LIMIT_CONVERSATION": "1000000/minute",
    "VOORDEUR_RATE_LIMIT_RESUME": "1000000/minute",
}


def build_stack(database_url: str, run_dir: Path, extra_env: dict[str, str] | None = None) -> Stack:
    """The same commands and environment as `make run` (api.supervisor), on free ports."""
    ports = Ports(rasa=free_port(), actions=free_port(), api=free_port())
    token = secrets.token_urlsafe(24)
    env = {**service_env(ports, database_url, token), **UNLIMITED, **(extra_env or {})}
    endpoints = write_endpoints(
        run_dir / "endpoints.yml", database_url, f"http://{ports.host}:{ports.actions}"
    )
    command = commands(ports, ensure_model(), endpoints)
    base = f"http://{ports.host}"
    return Stack(
        database_url,
        rasa=Service("rasa", command["rasa"], env, f"{base}:{ports.rasa}/"),
        actions=Service("actions", command["actions"], env, f"{base}:{ports.actions}/health"),
        api=Service("api", command["api"], env, f"{base}:{ports.api}/api/health"),
        internal_token=token,
    )
