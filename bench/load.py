"""Load: many residents at once, for minutes, with one and with two replicas.

Holds N concurrent conversations (default 200) for a while (default 300 s) through the
public chat API, each a whole intake with a pause between turns as a resident reads
and types; a finished intake is followed by a new one, so N stay open all the time.
Prints, per run: turns, turns per second, per-turn latency (p50, p95, p99, max),
errors (any answer that is not 2xx, or no answer), and degraded answers (the calm
"try later" message a resident gets when the engine or the database is away).

By default it starts Voordeur itself, once with one Rasa replica and one API worker,
then with two of each (`python -m api.cli run --rasa-replicas 2 --api-workers 2`),
on the database in DATABASE_URL and Redis in VOORDEUR_REDIS_URL (default
redis://127.0.0.1:6379/0). All residents come from one address here, so the rate
limits are lifted for the run. With --url it measures a running Voordeur instead.

    .venv/bin/python bench/load.py [--conversations 200] [--duration 300] [--think 5]
                                   [--replicas 1 2] [--url http://127.0.0.1:8000]

A benchmark, not a test: it prints figures. Run it on a quiet machine, and say what
else was running when you report them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEGRADED = {"system.unavailable", "system.not_saved"}
OPENINGS = [
    "ik heb schulden en de huur is te laat",
    "ik heb een vraag over een traplift",
    "mijn zoon gaat niet meer naar school en ik maak me zorgen",
    "ik ben mijn baan kwijt en weet niet hoe ik de rekeningen moet betalen",
    "ik zorg voor mijn moeder en het wordt me te veel",
]
CALM = ("good", "no", "none", "phone", "morning")


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    degraded: int = 0
    started: int = 0
    finished: int = 0

    def report(self, label: str, seconds: float, conversations: int) -> str:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

        errors = sum(self.errors.values())
        kinds = ", ".join(f"{k}: {v}" for k, v in self.errors.most_common())
        lines = [
            f"== {label}: {conversations} concurrent conversations for {seconds:.0f} s ==",
            f"turns: {len(lat)} ({len(lat) / seconds:.1f}/s); intakes started {self.started},"
            f" finished {self.finished}",
            f"per-turn latency: p50 {pct(0.50):.0f} ms, p95 {pct(0.95):.0f} ms,"
            f" p99 {pct(0.99):.0f} ms, max {lat[-1] * 1000 if lat else float('nan'):.0f} ms,"
            f" mean {statistics.fmean(lat) * 1000 if lat else float('nan'):.0f} ms",
            f"errors: {errors}" + (f" ({kinds})" if errors else ""),
            f"degraded answers (engine or database away): {self.degraded}",
        ]
        return "\n".join(lines)


class Resident:
    def __init__(self, client: httpx.AsyncClient, figures: Figures, think: float, end: float):
        self.client = client
        self.figures = figures
        self.think = think
        self.end = end
        self.last: dict[str, Any] = {}
        self.conversation = ""

    async def _post(self, path: str, body: dict[str, Any]) -> bool:
        began = time.perf_counter()
        try:
            response = await self.client.post(path, json=body)
        except httpx.HTTPError as error:
            self.figures.errors[type(error).__name__] += 1
            return False
        self.figures.latencies.append(time.perf_counter() - began)
        if response.status_code >= 300:
            self.figures.errors[f"HTTP {response.status_code}"] += 1
            return False
        self.last = response.json()
        if any(m.get("key") in DEGRADED for m in self.last.get("messages", [])):
            self.figures.degraded += 1
        return True

    async def _pause(self) -> None:
        await asyncio.sleep(random.uniform(self.think * 0.5, self.think * 1.5))

    def _question(self) -> dict[str, Any] | None:
        return next((m for m in reversed(self.last.get("messages", [])) if "expects" in m), None)

    async def _click(self, option: str) -> bool:
        question = self._question()
        for button in (question or {}).get("buttons", []):
            if button["payload"].endswith(f'"option":"{option}"}}'):
                return await self._say({"payload": button["payload"]})
        return await self._say({"text": "weet ik niet"})

    async def _say(self, body: dict[str, Any]) -> bool:
        await self._pause()
        return await self._post(f"/api/conversations/{self.conversation}/messages", body)

    async def one_intake(self) -> None:
        if not await self._post("/api/conversations", {}):
            await self._pause()
            return
        self.figures.started += 1
        self.conversation = self.last["conversation_id"]
        script = [
            lambda: self._click("yes"),
            lambda: self._say({"text": random.choice(OPENINGS)}),
            lambda: self._say({"text": "ik en mijn vriend"}),
        ]
        for step in script:
            if time.monotonic() > self.end:
                return
            await step()
        for _ in range(60):
            if time.monotonic() > self.end:
                return
            if (self.last.get("state") or {}).get("finished"):
                self.figures.finished += 1
                return
            question = self._question()
            asked = (question or {}).get("expects", {}).get("question")
            if asked == "contact.name":
                await self._say({"text": "Kim Hermans"})
            elif asked == "contact.phone":
                await self._say({"text": "06 98765432"})
            elif asked == "confirm.summary":
                await self._click("yes")
            elif question is None:
                await self._say({"text": "ja"})
            else:
                options = question["expects"].get("options") or []
                calm = next((o for o in CALM if o in options), None)
                await (self._click(calm) if calm else self._say({"text": "weet ik niet"}))

    async def run(self) -> None:
        while time.monotonic() < self.end:
            await self.one_intake()


async def load(url: str, conversations: int, duration: float, think: float) -> Figures:
    figures = Figures()
    limits = httpx.Limits(
        max_connections=conversations + 10, max_keepalive_connections=conversations
    )
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=limits) as client:
        end = time.monotonic() + duration
        residents = [Resident(client, figures, think, end) for _ in range(conversations)]

        async def staggered(position: int, resident: Resident) -> None:
            # Residents arrive over the first ten seconds, not all in the same instant.
            await asyncio.sleep(10.0 * position / conversations)
            await resident.run()

        await asyncio.gather(*(staggered(i, r) for i, r in enumerate(residents)))
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_block(size: int) -> int:
    """A first port with `size` free ports after it (replicas use consecutive ports)."""
    for _ in range(50):
        first = free_port()
        try:
            for offset in range(size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", first + offset))
            return first
        except OSError:
            continue
    raise RuntimeError("no block of free ports")


def start_voordeur(replicas: int) -> tuple[subprocess.Popen, str]:
    api = free_block(replicas + 1)
    env = {
        **os.environ,
        "VOORDEUR_REDIS_URL": os.environ.get("VOORDEUR_REDIS_URL", "redis://127.0.0.1:6379/0"),
        "VOORDEUR_RATE_LIMIT_CLIENT": "1000000/minute",
        "VOORDEUR_RATE_LIMIT_START": "1000000/minute",
        "VOORDEUR_RATE_LIMIT_CONVERSATION": "1000000/minute",
        "VOORDEUR_RATE_LIMIT_RESUME": "1000000/minute",
        "PYTHONUNBUFFERED": "1",
    }
    log = (ROOT / "var" / f"load-{replicas}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api.cli",
            "run",
            "--rasa-port",
            str(free_block(replicas)),
            "--actions-port",
            str(free_port()),
            "--api-port",
            str(api),
            "--rasa-replicas",
            str(replicas),
            "--api-workers",
            str(replicas),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{api}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"Voordeur stopped while starting; see var/load-{replicas}.log")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).json().get("status") == "ok":
                return process, url
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(1)
    raise SystemExit("Voordeur did not become ready")


def stop_voordeur(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds per run")
    parser.add_argument(
        "--think", type=float, default=5.0, help="mean seconds a resident takes between turns"
    )
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--url", help="measure a running Voordeur instead of starting one")
    args = parser.parse_args()

    load_before = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores; load average before: "
        f"{' '.join(f'{x:.2f}' for x in load_before)}",
        flush=True,
    )
    reports = []
    runs = (
        [("running Voordeur at " + args.url, args.url)]
        if args.url
        else [
            (f"{n} Rasa replica{'s' if n > 1 else ''}, {n} API worker{'s' if n > 1 else ''}", n)
            for n in args.replicas
        ]
    )
    for label, target in runs:
        process = None
        if isinstance(target, int):
            print(f"starting Voordeur: {label} ...", flush=True)
            process, url = start_voordeur(target)
        else:
            url = target
        try:
            began = time.monotonic()
            figures = asyncio.run(load(url, args.conversations, args.duration, args.think))
            report = figures.report(label, time.monotonic() - began, args.conversations)
        finally:
            if process is not None:
                stop_voordeur(process)
        print(report, flush=True)
        reports.append(report)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n\n".join(reports))


if __name__ == "__main__":
    main()
