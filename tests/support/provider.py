"""A stand-in for the telephony provider: posts signed webhook requests, reads TwiML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx
from twilio.request_validator import RequestValidator


@dataclass
class Provider:
    base_url: str
    token: str
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=60))

    def post(self, path: str, params: dict[str, str], signed: bool = True) -> httpx.Response:
        url = f"{self.base_url}{path}"
        signature = RequestValidator(self.token).compute_signature(url, params) if signed else "x"
        return self.http.post(url, data=params, headers={"X-Twilio-Signature": signature})

    def twiml(self, path: str, params: dict[str, str]) -> ET.Element:
        answer = self.post(path, params)
        assert answer.status_code == 200, answer.text
        return ET.fromstring(answer.text)


def said(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter("Say")]


def messages(root: ET.Element) -> list[str]:
    return [
        "".join(body.text or "" for body in element.iter("Body")) or (element.text or "")
        for element in root.iter("Message")
    ]
