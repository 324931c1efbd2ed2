"""Per-turn latency of whole conversations through the public chat API.

Starts Rasa, the action server and the API on free ports with a temporary database
(or uses a running Voordeur with --url), holds N short intakes one after another and
prints the median and p95 time per turn. A benchmark, not a test: it prints figures.

    .venv/bin/python bench/turn_latency.py [--conversations 5] [--url http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.databases import temporary_database  # noqa: E402
from tests.support.services import build_stack  # noqa: E402

SCRIPT = [
    ("payload", "yes"),
    ("text", "ik heb schulden en de huur is te laat"),
    ("payload", "bad"),
    ("text", "Kim Hermans"),
    ("text", "06 98765432"),
    ("payload", "yes"),
]


def one_conversation(client: httpx.Client) -> list[float]:
    timings = []
    started = time.perf_counter()
    answer = client.post("/api/conversations", json={}).json()
    timings.append(time.perf_counter() - started)
    conversation = answer["conversation_id"]
    for kind, value in SCRIPT:
        question = next(m for m in reversed(answer["messages"]) if "expects" in m)
        if kind == "payload":
            payload = next(
                b["payload"] for b in question["buttons"] if f'"option":"{value}"' in b["payload"]
            )
            body = {"payload": payload}
        else:
            body = {"text": value}
        started = time.perf_counter()
        response = client.post(f"/api/conversations/{conversation}/messages", json=body)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
        answer = response.json()
    if not answer["state"]["finished"]:
        raise SystemExit(f"conversation did not finish: {answer['messages']}")
    return timings


def measure(base_url: str, conversations: int) -> None:
    with httpx.Client(base_url=base_url, timeout=60.0) as client:
        one_conversation(client)  # warm-up: first requests load models and caches
        timings: list[float] = []
        for _ in range(conversations):
            timings += one_conversation(client)
    ms = sorted(t * 1000 for t in timings)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1]
    turns = len(SCRIPT) + 1
    print(f"turns measured:       {len(ms)} ({conversations} conversations of {turns} turns)")
    print(f"per-turn latency p50: {statistics.median(ms):.0f} ms")
    print(f"per-turn latency p95: {p95:.0f} ms")
    print(f"per-turn latency max: {ms[-1]:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=5)
    parser.add_argument("--url", help="a running Voordeur API; default: start one")
    args = parser.parse_args()
    if args.url:
        measure(args.url, args.conversations)
        return
    with tempfile.TemporaryDirectory() as tmp, temporary_database(None, Path(tmp)) as url:
        stack = build_stack(url, Path(tmp))
        for service in (stack.actions, stack.api, stack.rasa):
            service.start()
        try:
            for service in (stack.actions, stack.api, stack.rasa):
                service.wait_ready()
            measure(stack.api_url, args.conversations)
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
