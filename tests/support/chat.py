"""A small client for the public chat API, as an outside client would use it."""

from __future__ import annotations

from typing import Any

import httpx


class Chat:
    def __init__(self, base_url: str):
        self.http = httpx.Client(base_url=base_url, timeout=60.0)
        self.conversation_id: str | None = None
        self.last: dict[str, Any] = {}
        self.turns = 0
        # Every bot message of every answer, in order (the last answer is in `last`).
        self.seen: list[dict[str, Any]] = []

    def __enter__(self) -> Chat:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()

    def start(self, **body: Any) -> dict[str, Any]:
        response = self.http.post("/api/conversations", json=body)
        assert response.status_code == 201, response.text
        self.last = response.json()
        self.conversation_id = self.last["conversation_id"]
        return self.last

    def say(self, text: str) -> dict[str, Any]:
        return self._send({"text": text})

    def click(self, option: str) -> dict[str, Any]:
        """Click the button with this machine value on the last question."""
        question = self.question()
        assert question is not None, "no question on the table"
        for button in question["buttons"]:
            if button["payload"].endswith(f'"option":"{option}"}}'):
                return self._send({"payload": button["payload"]})
        raise AssertionError(f"no button {option!r} on {question['key']}")

    def _send(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.http.post(f"/api/conversations/{self.conversation_id}/messages", json=body)
        assert response.status_code == 200, response.text
        self.turns += 1
        self.last = response.json()
        self.seen.extend(self.last["messages"])
        return self.last

    def question(self) -> dict[str, Any] | None:
        """The last message that asks something."""
        return next((m for m in reversed(self.last["messages"]) if "expects" in m), None)

    def asked(self) -> str | None:
        question = self.question()
        return question["expects"]["question"] if question else None

    @property
    def keys(self) -> list[str]:
        return [m["key"] for m in self.last["messages"]]

    # Plain answers for questions a test does not care about: all is well, no extras.
    CALM = ("good", "no", "none", "phone", "morning")

    def answer_until(
        self,
        question: str,
        name: str = "Kim Hermans",
        phone: str = "06 98765432",
        unknown: str = "weet ik niet",
    ) -> None:
        """Answer every question calmly until `question` is asked (or the intake is done)."""
        for _ in range(60):
            asked = self.asked()
            if asked == question or self.last["state"]["finished"]:
                return
            if asked == "contact.name":
                self.say(name)
            elif asked == "contact.phone":
                self.say(phone)
            elif asked == "confirm.summary":
                self.click("yes")
            else:
                options = self.question()["expects"]["options"]
                calm = next((o for o in self.CALM if o in options), None)
                self.click(calm) if calm else self.say(unknown)
        raise AssertionError(f"{question} was never asked")
