"""Runs inside the engine environment (.venv-rasa): the trained model's intent per text.

    .venv-rasa/bin/python bench/model_intents.py models/voordeur-….tar.gz < texts.json

Reads a JSON list of texts on stdin and prints one JSON object: {text: {"name": …,
"confidence": …}}. The model is loaded as Rasa loads it for a conversation, so the
intents are exactly those the action server receives. The running services do not
expose Rasa's HTTP API (it would let anyone on the machine rewrite conversations), so
benchmarks and tests read the model this way.
"""

from __future__ import annotations

import asyncio
import json
import sys


async def intents(model: str, texts: list[str]) -> dict[str, dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    found = {}
    for text in texts:
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        found[text] = {"name": intent.get("name"), "confidence": intent.get("confidence")}
    return found


if __name__ == "__main__":
    read = asyncio.run(intents(sys.argv[1], json.loads(sys.stdin.read())))
    print(json.dumps(read, ensure_ascii=False))
