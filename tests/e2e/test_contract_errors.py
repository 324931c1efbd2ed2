"""Bad input on every verb gets the contract's clear 4xx with plain Dutch, never a 5xx."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import make_token
from tests.support.services import Stack

pytestmark = pytest.mark.e2e


@pytest.fixture
def http(stack: Stack):
    with httpx.Client(base_url=stack.api_url, timeout=60.0) as client:
        yield client


@pytest.fixture
def conversation_id(http: httpx.Client) -> str:
    return http.post("/api/conversations", json={}).json()["conversation_id"]


def test_unknown_conversation_is_404_on_every_verb(http: httpx.Client) -> None:
    assert http.post("/api/conversations/nope/messages", json={"text": "hoi"}).status_code == 404
    assert http.get("/api/conversations/nope").status_code == 404
    assert http.post("/api/conversations/nope/resume-code").status_code == 404
    answer = http.post("/api/conversations/resume", json={"code": "ACDE-FGHJ"})
    assert answer.status_code == 404
    assert "code" in answer.json()["message"].lower()


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"text": ""}, "text_empty"),
        ({"text": "   "}, "text_empty"),
        ({"text": "a" * 2001}, "text_too_long"),
        ({}, "bad_request"),
        ({"text": "ja", "payload": "/affirm"}, "bad_request"),
        ({"text": 12}, "text_empty"),
    ],
)
def test_bad_messages_get_422_in_plain_dutch(
    http: httpx.Client, conversation_id: str, body: dict, error: str
) -> None:
    answer = http.post(f"/api/conversations/{conversation_id}/messages", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == error
    assert answer.json()["message"]  # a sentence for the resident


def test_two_thousand_characters_are_still_accepted(
    http: httpx.Client, conversation_id: str
) -> None:
    answer = http.post(f"/api/conversations/{conversation_id}/messages", json={"text": "a" * 2000})
    assert answer.status_code == 200


def test_broken_json_and_wrong_types_are_422(http: httpx.Client, conversation_id: str) -> None:
    broken = http.post(
        f"/api/conversations/{conversation_id}/messages",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert broken.status_code == 422
    assert http.post("/api/conversations", json={"language": "xx"}).status_code == 422
    assert http.post("/api/conversations", json={"channel": "fax"}).status_code == 422
    assert http.post("/api/conversations", json=[1, 2]).status_code == 422


def test_assisted_needs_a_worker_token(http: httpx.Client, stack: Stack) -> None:
    assert http.post("/api/conversations", json={"channel": "assisted"}).status_code == 401
    wrong = {"Authorization": "Bearer vd_not-a-token"}
    assert (
        http.post("/api/conversations", json={"channel": "assisted"}, headers=wrong).status_code
        == 401
    )
    staff = {"Authorization": f"Bearer {make_token(stack.database_url, 'frontoffice')}"}
    assert (
        http.post("/api/conversations", json={"channel": "assisted"}, headers=staff).status_code
        == 403
    )
    worker = {"Authorization": f"Bearer {make_token(stack.database_url, 'worker')}"}
    started = http.post("/api/conversations", json={"channel": "assisted"}, headers=worker)
    assert started.status_code == 201
    assert started.json()["messages"][0]["key"] == "intake.welcome"


def test_front_office_needs_a_staff_token(
    http: httpx.Client, stack: Stack, staff_token: str
) -> None:
    assert http.get("/api/frontoffice/intakes").status_code == 401
    assert http.get("/api/frontoffice/intakes/VD-2026-000001").status_code == 401
    worker = {"Authorization": f"Bearer {make_token(stack.database_url, 'worker')}"}
    assert http.get("/api/frontoffice/intakes", headers=worker).status_code == 403
    staff = {"Authorization": f"Bearer {staff_token}"}
    assert http.get("/api/frontoffice/intakes/VD-1999-999999", headers=staff).status_code == 404
    assert http.get("/api/frontoffice/intakes?limit=0", headers=staff).status_code == 422


def test_internal_handoff_refuses_without_the_shared_secret(
    http: httpx.Client, conversation_id: str
) -> None:
    body = {"conversation_id": conversation_id, "summary": {}}
    assert http.post("/internal/handoffs", json=body).status_code == 401
    wrong = {"X-Voordeur-Internal": "guess"}
    assert http.post("/internal/handoffs", json=body, headers=wrong).status_code == 401


def test_a_summary_that_breaks_the_contract_is_refused(
    http: httpx.Client, conversation_id: str, stack: Stack
) -> None:
    secret = {"X-Voordeur-Internal": stack.internal_token}
    body = {"conversation_id": conversation_id, "summary": {"schema_version": "1"}}
    answer = http.post("/internal/handoffs", json=body, headers=secret)
    assert answer.status_code == 422
    assert http.get(f"/api/conversations/{conversation_id}").json()["state"]["finished"] is False
