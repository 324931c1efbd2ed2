"""The API's outer shell: security headers, CORS, body size and rate limits.

Through the real application (create_app) on a real database; requests that never
reach the engine (a malformed message gets its 422 first), so no Rasa is needed.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings

pytestmark = pytest.mark.db

WIDGET = "https://www.brunssum.nl"
REDIS = "redis://127.0.0.1:6379/0"


def app_client(database_url: str, **settings: Any) -> TestClient:
    values = {"DATABASE_URL": database_url, "smtp_host": None, **settings}
    return TestClient(create_app(Settings.model_validate(values)), client=("203.0.113.7", 5000))


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    with app_client(database_url, cors_origins=WIDGET) as client:
        yield client


def bad_message(client: TestClient, conversation: str = "nope", **kwargs: Any) -> Any:
    # An empty text: refused with 422 before any engine is asked.
    return client.post(f"/api/conversations/{conversation}/messages", json={"text": ""}, **kwargs)


def test_every_answer_carries_the_security_headers_and_is_not_cached(client: TestClient) -> None:
    for response in (client.get("/openapi.json"), bad_message(client), client.get("/nowhere")):
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert "max-age=" in headers["strict-transport-security"]
        assert headers["content-security-policy"].startswith("default-src 'none'")
        assert headers["cache-control"] == "no-store"


def test_cors_only_for_the_configured_municipal_origins(client: TestClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options("/api/conversations", headers={"Origin": WIDGET, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == WIDGET
    other = client.options(
        "/api/conversations", headers={"Origin": "https://evil.example", **preflight}
    )
    assert "access-control-allow-origin" not in other.headers
    simple = bad_message(client, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
    mine = bad_message(client, headers={"Origin": WIDGET})
    assert mine.headers["access-control-allow-origin"] == WIDGET


def test_without_configured_origins_no_site_may_call_the_api(database_url: str) -> None:
    with app_client(database_url) as client:
        response = bad_message(client, headers={"Origin": WIDGET})
    assert "access-control-allow-origin" not in response.headers


def test_a_body_over_the_limit_gets_a_plain_dutch_413(client: TestClient) -> None:
    big = {"text": "a" * 20_000}
    response = client.post("/api/conversations/x/messages", json=big)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert "te groot" in response.json()["message"]
    # No Content-Length to go by (chunked): the limit still holds.
    chunks = (b'{"text": "' + b"a" * 4096 for _ in range(6))
    streamed = client.post(
        "/api/conversations/x/messages",
        content=chunks,
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413
    # Under the limit the request goes on to the usual checks.
    assert bad_message(client).status_code == 422


def test_one_conversation_cannot_be_flooded(database_url: str) -> None:
    with app_client(
        database_url, rate_limit_conversation="3/minute", rate_limit_client="1000/minute"
    ) as client:
        conversation = "flood-" + secrets.token_hex(4)
        statuses = [bad_message(client, conversation).status_code for _ in range(4)]
        assert statuses == [422, 422, 422, 429]
        refused = bad_message(client, conversation)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.json()["error"] == "too_many_requests"
        assert "Wacht een minuut" in refused.json()["message"]
        assert refused.headers["x-content-type-options"] == "nosniff"
        # Another conversation from the same address is not affected.
        assert bad_message(client, "other-" + secrets.token_hex(4)).status_code == 422


def test_one_client_cannot_flood_the_api(database_url: str) -> None:
    with app_client(database_url, rate_limit_client="5/minute") as client:
        statuses = [bad_message(client, "c-" + secrets.token_hex(4)).status_code for _ in range(6)]
        assert statuses == [422] * 5 + [429]
        # Health stays reachable for the load balancer.
        assert client.get("/api/health").status_code == 200


def test_two_api_workers_count_together_through_redis(database_url: str) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    limits = {
        "redis_url": REDIS,
        "rate_limit_conversation": "3/minute",
        "rate_limit_client": "1000/minute",
    }
    conversation = "shared-" + secrets.token_hex(4)
    with app_client(database_url, **limits) as one, app_client(database_url, **limits) as two:
        assert bad_message(one, conversation).status_code == 422
        assert bad_message(two, conversation).status_code == 422
        assert bad_message(one, conversation).status_code == 422
        assert bad_message(two, conversation).status_code == 429


def test_when_the_counter_store_is_down_residents_are_let_through(database_url: str) -> None:
    with app_client(
        database_url, redis_url="redis://127.0.0.1:1/0", rate_limit_conversation="1/minute"
    ) as client:
        conversation = "down-" + secrets.token_hex(4)
        assert [bad_message(client, conversation).status_code for _ in range(3)] == [422] * 3


def test_resume_codes_cannot_be_guessed_by_trying_many(database_url: str) -> None:
    with app_client(database_url, rate_limit_resume="3/minute") as client:
        tries = [
            client.post("/api/conversations/resume", json={"code": f"AAAA{n:04d}"}).status_code
            for n in range(4)
        ]
    assert tries == [404, 404, 404, 429]
