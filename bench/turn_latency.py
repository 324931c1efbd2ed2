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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.chat import Chat  # noqa: E402
from tests.support.databases import temporary_database  # noqa: E402
from tests.support.services import build_stack  # noqa: E402


class TimedChat(Chat):
    """The tests' chat client, timing every request."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url)
        self.timings: list[float] = []

    def start(self, **body: object) -> dict:
        began = time.perf_counter()
        answer = super().start(**body)
        self.timings.append(time.perf_counter() - began)
        return answer

    def _send(self, body: dict) -> dict:
        began = time.perf_counter()
        answer = super()._send(body)
        self.timings.append(time.perf_counter() - began)
        return answer


def one_conversation(base_url: str) -> list[float]:
    """A whole intake: a debts story, a problem, calm answers to the rest, confirmed."""
    with TimedChat(base_url) as chat:
        chat.start()
        chat.click("yes")
        chat.say("ik heb schulden en de huur is te laat")
        chat.say("ik en mijn vriend")
        chat.click("bad")
        chat.answer_until("finished")
        if not chat.last["state"]["finished"]:
            raise SystemExit(f"conversation did not finish: {chat.keys}")
        return chat.timings


def measure(base_url: str, conversations: int) -> None:
    one_conversation(base_url)  # warm-up: first requests load models and caches
    timings: list[float] = []
    for _ in range(conversations):
        timings += one_conversation(base_url)
    ms = sorted(t * 1000 for t in timings)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[-1]
    print(f"turns measured:       {len(ms)} ({conversations} whole intakes)")
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
