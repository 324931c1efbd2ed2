"""`make run`'s supervisor: all three services come up; a child that dies is reported plainly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from tests.support.services import ROOT, free_port

pytestmark = pytest.mark.e2e


class Output:
    """Collects a process's output in a thread, so the test can wait for a line."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if match := re.search(pattern, line):
                        return match
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no line matching {pattern!r}:\n{''.join(self.lines[-40:])}"
                    )
                self._changed.wait(left)


def start_run(database_url: str) -> tuple[subprocess.Popen, Output, dict[str, int]]:
    ports = {"rasa": free_port(), "actions": free_port(), "api": free_port()}
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "run",
            "--rasa-port",
            str(ports["rasa"]),
            "--actions-port",
            str(ports["actions"]),
            "--api-port",
            str(ports["api"]),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    return process, Output(process), ports


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        # Ctrl-C, as a person would: honcho then stops its children (each runs in a
        # session of its own, so killing the supervisor alone would orphan them).
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_one_ctrl_c_stops_all_three(database_url: str) -> None:
    process, output, ports = start_run(database_url)
    try:
        output.wait_for(r"Voordeur is ready after \d+ s", timeout=300)
        assert all(port_open(port) for port in ports.values())
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=60) is not None
        output.wait_for(r"rasa stopped", 5)
        assert not any(port_open(port) for port in ports.values())
        assert not any("unexpectedly" in line for line in output.lines)
    finally:
        stop(process)


def test_run_starts_all_three_and_reports_a_dead_child_in_plain_words(database_url: str) -> None:
    process, output, ports = start_run(database_url)
    try:
        output.wait_for(r"Voordeur is ready after \d+ s", timeout=300)
        output.wait_for(rf"Chat API .*http://127\.0\.0\.1:{ports['api']}/api/conversations", 5)
        health = httpx.get(f"http://127.0.0.1:{ports['api']}/api/health").json()
        assert health["status"] == "ok"

        pid = int(output.wait_for(r"actions started \(pid=(\d+)\)", 5).group(1))
        # The whole service dies (honcho gives each its own process group): its Sanic
        # worker too, which would otherwise keep the output open.
        os.killpg(pid, signal.SIGKILL)
        output.wait_for(r"the action server \(the intake logic\) stopped unexpectedly", 30)
        output.wait_for(r"The other services are being stopped too", 5)
        assert process.wait(timeout=60) != 0
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{ports['api']}/api/health", timeout=2)
    finally:
        stop(process)
