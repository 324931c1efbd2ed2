"""The staff pages: sign-in, the queue, an intake, working on it, exports, roles, audit."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from api.auth.tokens import create_token
from api.internal.handoffs import Handoff, _file
from api.staff.accounts import MAX_FAILURES, create_staff
from api.store.db import session_scope
from api.store.models import AuditEntry, Conversation, Intake, Message
from tests.conftest import ROOT
from tests.support.databases import run_on
from tests.support.handoffs import rich_summary, settings_for, summary_with
from tests.support.services import free_port

pytestmark = pytest.mark.db
PASSWORD = "een lang wachtwoord 42"


@dataclass
class Office:
    app: object
    database_url: str
    calm: str
    rich: str
    acute: str


async def file(settings, summary: dict) -> str:
    conversation_id = f"fo-{free_port()}-{len(summary)}"
    async with session_scope(settings.database_url) as db:
        db.add(Conversation(id=conversation_id, language="nl", channel="web"))
        db.add(
            Message(
                conversation_id=conversation_id,
                seq=1,
                direction="in",
                kind="text",
                body="dit is wat ik typte",
                status="done",
            )
        )
    return (await _file(settings, Handoff(conversation_id=conversation_id, summary=summary)))[
        "reference"
    ]


@pytest.fixture(scope="module")
def office(database_url: str) -> Office:
    settings = settings_for(database_url, free_port(), smtp_host=None)
    suffix = str(free_port())

    async def setup() -> tuple[str, str, str]:
        async with session_scope(database_url) as db:
            for role in ("frontoffice", "teamlead", "admin", "worker"):
                await create_staff(db, f"{role}{suffix}", f"Collega {role}", role, PASSWORD)
        calm = await file(settings, summary_with())
        rich = await file(settings, rich_summary())
        acute = await file(settings, summary_with("suicide"))
        return calm, rich, acute

    calm, rich, acute = run_on(database_url, setup)
    Office.suffix = suffix  # type: ignore[attr-defined]
    return Office(create_app(settings), database_url, calm, rich, acute)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, role: str, password: str = PASSWORD) -> object:
    form = client.get("/frontoffice/login")
    return client.post(
        "/frontoffice/login",
        data={
            "username": f"{role}{Office.suffix}",
            "password": password,  # type: ignore[attr-defined]
            "csrf": csrf_of(form.text),
            "next": "/frontoffice/",
        },
        follow_redirects=False,
    )


@pytest.fixture
def as_staff(office: Office) -> Iterator:
    clients = []

    def make(role: str) -> TestClient:
        # https: the session cookie is Secure, as in production.
        client = TestClient(office.app, base_url="https://testserver")
        client.__enter__()
        clients.append(client)
        assert sign_in(client, role).status_code == 303
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def audit_actions(office: Office, reference: str) -> list[str]:
    async def read() -> list[str]:
        async with session_scope(office.database_url) as db:
            rows = await db.scalars(
                select(AuditEntry).where(AuditEntry.reference == reference).order_by(AuditEntry.id)
            )
            return [row.action for row in rows]

    return run_on(office.database_url, read)  # type: ignore[return-value]


def test_pages_need_a_signed_in_staff_member(office: Office) -> None:
    with TestClient(office.app, base_url="https://testserver") as client:
        for path in (
            "/frontoffice/",
            f"/frontoffice/intakes/{office.rich}",
            f"/frontoffice/intakes/{office.rich}/transcript",
            f"/frontoffice/intakes/{office.rich}/export.pdf",
            "/frontoffice/audit",
        ):
            answer = client.get(path, follow_redirects=False)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/frontoffice/login?next=")


def test_wrong_password_then_sign_in_and_out(office: Office) -> None:
    with TestClient(office.app, base_url="https://testserver") as client:
        wrong = sign_in(client, "frontoffice", "niet het goede wachtwoord")
        assert wrong.status_code == 401 and "klopt niet" in wrong.text
        right = sign_in(client, "frontoffice")
        assert right.status_code == 303
        cookie = right.headers["set-cookie"]
        assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
        queue = client.get("/frontoffice/")
        assert queue.status_code == 200 and office.rich in queue.text
        client.post("/frontoffice/logout", data={"csrf": csrf_of(queue.text)})
        assert client.get("/frontoffice/", follow_redirects=False).status_code == 303


def test_repeated_failures_lock_the_account(office: Office) -> None:
    async def make() -> None:
        async with session_scope(office.database_url) as db:
            await create_staff(db, f"lockme{Office.suffix}", "Vergeetachtig", "teamlead", PASSWORD)  # type: ignore[attr-defined]

    run_on(office.database_url, make)
    with TestClient(office.app, base_url="https://testserver") as client:
        answers = [
            sign_in(client, "lockme", "fout fout fout fout").status_code
            for _ in range(MAX_FAILURES)
        ]
        assert answers[:-1] == [401] * (MAX_FAILURES - 1) and answers[-1] == 423
        # Locked: even the right password waits.
        assert sign_in(client, "lockme").status_code == 423
        assert "geblokkeerd" in sign_in(client, "lockme").text


def test_the_queue_puts_acute_first_and_filters(as_staff, office: Office) -> None:
    client = as_staff("frontoffice")
    text = client.get("/frontoffice/").text
    # Acute first, then the oldest.
    assert text.index(office.acute) < text.index(office.calm) < text.index(office.rich)
    assert "Nieuw: <strong>" in text
    debts = client.get("/frontoffice/?domain=debts").text
    assert office.rich in debts and office.calm not in debts
    team = client.get("/frontoffice/?team=schuldhulp").text
    assert office.rich in team and office.acute not in team
    acute = client.get("/frontoffice/?urgency=acute").text
    assert office.acute in acute and office.rich not in acute
    day = client.get("/frontoffice/?callback=2026-11-24").text
    assert office.rich in day and office.calm not in day


def test_an_intake_page_reads_as_a_prepared_call_and_is_audited(as_staff, office: Office) -> None:
    client = as_staff("frontoffice")
    answer = client.get(f"/frontoffice/intakes/{office.rich}")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    html = answer.text
    for expected in (
        "Bestaanszekerheid",
        "✖",
        "Probleem",
        "Zorgen",
        "alles loopt vast met de rekeningen",
        "Stapeling: 2 voorzieningen",
        "Sanne de Vries",
        "+31611122233",
        "rust in mijn hoofd",
        "Kind, 9 jaar",
        "dinsdag 24 november, ochtend",
        "Brede uitvraag",
    ):
        assert expected in html, expected
    # The transcript sits behind a second click.
    assert "dit is wat ik typte" not in html
    transcript = client.get(f"/frontoffice/intakes/{office.rich}/transcript").text
    assert "dit is wat ik typte" in transcript
    assert audit_actions(office, office.rich)[-2:] == ["view", "view_transcript"]


def test_working_on_an_intake(as_staff, office: Office) -> None:
    client = as_staff("frontoffice")
    page = client.get(f"/frontoffice/intakes/{office.calm}").text
    csrf = csrf_of(page)
    base = f"/frontoffice/intakes/{office.calm}"
    client.post(f"{base}/claim", data={"csrf": csrf, "staff_id": "me"})
    client.post(f"{base}/notes", data={"csrf": csrf, "text": "Eerst de huur bespreken."})
    client.post(
        f"{base}/callback",
        data={
            "csrf": csrf,
            "outcome": "failed",
            "next_date": "2026-11-26",
            "next_part": "afternoon",
            "text": "Geen gehoor.",
        },
    )
    page = client.get(base).text
    assert "Opgepakt door: <strong>Collega frontoffice</strong>" in page
    assert "Eerst de huur bespreken." in page and "Geen gehoor." in page
    assert "donderdag 26 november, middag" in page
    client.post(f"{base}/callback", data={"csrf": csrf, "outcome": "done", "text": "Gesproken."})
    client.post(f"{base}/status", data={"csrf": csrf, "status": "doorgezet"})
    assert "<strong>Doorgezet</strong>" in client.get(base).text
    assert {"claim", "note", "callback", "status"} <= set(audit_actions(office, office.calm))


def test_forms_without_the_csrf_token_are_refused(as_staff, office: Office) -> None:
    client = as_staff("frontoffice")
    base = f"/frontoffice/intakes/{office.acute}"
    assert client.post(f"{base}/status", data={"status": "afgerond"}).status_code == 403
    assert (
        client.post(f"{base}/status", data={"status": "afgerond", "csrf": "fout"}).status_code
        == 403
    )
    assert "<strong>Nieuw</strong>" in client.get(base).text


def test_exports_pdf_json_and_zaak(as_staff, office: Office) -> None:
    client = as_staff("frontoffice")
    base = f"/frontoffice/intakes/{office.rich}"
    pdf = client.get(f"{base}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    summary = client.get(f"{base}/export.json").json()
    assert summary["reference"] == office.rich
    zaak = client.get(f"{base}/zaak.json").json()
    assert zaak["zaak"]["identificatie"] == office.rich
    assert zaak["zaak"]["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
    document = json.loads(base64.b64decode(zaak["informatieobject"]["inhoud"]))
    assert document == summary
    assert {"export_pdf", "export_json", "export_zaak"} <= set(audit_actions(office, office.rich))


def test_roles_are_kept_apart(as_staff, office: Office) -> None:
    front = as_staff("frontoffice")
    page = front.get(f"/frontoffice/intakes/{office.rich}").text
    csrf = csrf_of(page)
    assert front.get("/frontoffice/audit").status_code == 403
    assert front.get(f"/frontoffice/intakes/{office.rich}/everything.json").status_code == 403
    assert (
        front.post(
            f"/frontoffice/intakes/{office.rich}/erase", data={"csrf": csrf, "confirm": office.rich}
        ).status_code
        == 403
    )
    assert (
        front.post(
            f"/frontoffice/intakes/{office.rich}/claim", data={"csrf": csrf, "staff_id": "1"}
        ).status_code
        == 403
    )
    admin = as_staff("admin")
    audit_page = admin.get("/frontoffice/audit")
    assert audit_page.status_code == 200 and office.rich in audit_page.text


# Pages anyone may open (signing in), and the welfare workers' own page.
OPEN_PAGES = {"/frontoffice/login", "/frontoffice/logout"}
WORKER_PAGES = {"/frontoffice/samen"}


def all_routes(app: object) -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, through included routers: FastAPI resolves those
    lazily, so `app.routes` alone lists a router, not its routes."""
    found = []
    for route in app.routes:  # type: ignore[attr-defined]
        if hasattr(route, "effective_route_contexts"):
            for context in route.effective_route_contexts():
                found.append((context.path, set(context.original_route.methods or ())))
        elif hasattr(route, "path"):
            found.append((route.path, set(getattr(route, "methods", None) or ())))
    return found


def staff_routes(office: Office) -> list[tuple[str, str]]:
    """Every (method, path) of the front office, pages and JSON API, with a real reference."""
    found = []
    for path, methods in all_routes(office.app):
        if not path.startswith(("/frontoffice", "/api/frontoffice")) or path in OPEN_PAGES:
            continue
        if "{" in path and "{reference}" not in path:
            continue  # static files
        for method in sorted(methods - {"HEAD"}):
            found.append((method, path.replace("{reference}", office.rich)))
    return found


def test_every_front_office_route_refuses_whoever_may_not_use_it(as_staff, office: Office) -> None:
    """Swept over the app's own route table, so a new route is covered the day it is added:
    nobody signed in is sent to the sign-in page (or gets 401 from the JSON API), a welfare
    worker never reaches an intake, and front-office staff cannot start "samen invullen"."""
    routes = staff_routes(office)
    assert len(routes) >= 18, routes
    # One client, one event loop for the whole sweep. With a fresh loop for every anonymous
    # request beside the signed-in clients' loops, a request once hung (SQLite, make test).
    with TestClient(office.app, base_url="https://testserver") as anonymous:
        worker = as_staff("worker")
        front = as_staff("frontoffice")
        # A body that would change something if it got through.
        body = {"PATCH": {"json": {"status": "afgerond"}}}
        for method, path in routes:
            nobody = anonymous.request(method, path, follow_redirects=False, **body.get(method, {}))
            if path.startswith("/api/"):
                assert nobody.status_code == 401, (method, path, nobody.status_code)
            else:
                assert nobody.status_code == 303, (method, path, nobody.status_code)
                assert nobody.headers["location"].startswith("/frontoffice/login"), path
            if path in WORKER_PAGES:
                assert front.request(method, path).status_code == 403, (method, path)
                assert worker.request(method, path).status_code in (200, 403, 422), (method, path)
                continue
            refused = worker.request(method, path, follow_redirects=False, **body.get(method, {}))
            # The JSON API knows no session: a worker's browser is as anonymous there.
            assert refused.status_code == (401 if path.startswith("/api/") else 403), (method, path)
            assert office.rich not in refused.text


def test_no_intake_is_reachable_by_guessing(as_staff) -> None:
    client = as_staff("frontoffice")
    for guess in ("VD-2026-999999", "1", "../../etc/passwd"):
        assert client.get(f"/frontoffice/intakes/{guess}").status_code == 404


def test_the_json_api_changes_status_by_role_and_audits(office: Office) -> None:
    async def tokens() -> tuple[str, str]:
        async with session_scope(office.database_url) as db:
            return await create_token(db, "zaaksysteem", "frontoffice"), await create_token(
                db, "w", "worker"
            )

    system, worker = run_on(office.database_url, tokens)
    with TestClient(office.app) as client:
        url = f"/api/frontoffice/intakes/{office.acute}"
        refused = client.patch(
            url, json={"status": "doorgezet"}, headers={"Authorization": f"Bearer {worker}"}
        )
        assert refused.status_code == 403
        assert client.get(url, headers={"Authorization": f"Bearer {worker}"}).status_code == 403
        bad = client.patch(
            url, json={"status": "weg"}, headers={"Authorization": f"Bearer {system}"}
        )
        assert bad.status_code == 422
        done = client.patch(
            url, json={"status": "doorgezet"}, headers={"Authorization": f"Bearer {system}"}
        )
        assert done.json() == {"reference": office.acute, "status": "doorgezet"}
    assert "api_status" in audit_actions(office, office.acute)


def test_everything_held_then_erased_on_request(as_staff, office: Office) -> None:
    settings = settings_for(office.database_url, free_port(), smtp_host=None)
    reference = run_on(office.database_url, lambda: file(settings, summary_with()))
    lead = as_staff("teamlead")
    everything = lead.get(f"/frontoffice/intakes/{reference}/everything.json").json()
    assert everything["summary"]["reference"] == reference
    assert [m["text"] for m in everything["transcript"]] == ["dit is wat ik typte"]
    csrf = csrf_of(lead.get(f"/frontoffice/intakes/{reference}").text)
    # A slip of the hand does nothing: the reference must be typed.
    lead.post(f"/frontoffice/intakes/{reference}/erase", data={"csrf": csrf, "confirm": ""})
    assert lead.get(f"/frontoffice/intakes/{reference}").status_code == 200
    lead.post(f"/frontoffice/intakes/{reference}/erase", data={"csrf": csrf, "confirm": reference})
    assert lead.get(f"/frontoffice/intakes/{reference}").status_code == 404

    async def left() -> tuple[int, int]:
        async with session_scope(office.database_url) as db:
            intakes = len(
                (await db.scalars(select(Intake).where(Intake.reference == reference))).all()
            )
            words = len(
                (
                    await db.scalars(select(Message).where(Message.body == "dit is wat ik typte"))
                ).all()
            )
            return intakes, words

    intakes, _ = run_on(office.database_url, left)
    assert intakes == 0
    assert audit_actions(office, reference)[-2:] == ["view", "erase"]


def test_the_audit_log_has_no_route_that_changes_it(office: Office) -> None:
    audit_routes = [(path, methods) for path, methods in all_routes(office.app) if "audit" in path]
    assert audit_routes
    for path, methods in audit_routes:
        assert methods <= {"GET", "HEAD"}, path


def test_create_staff_from_the_command_line(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "VOORDEUR_NEW_PASSWORD": PASSWORD}
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "create-staff",
            "--username",
            f"cli{free_port()}",
            "--name",
            "Via de CLI",
            "--role",
            "frontoffice",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    short = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "create-staff",
            "--username",
            "kort",
            "--name",
            "Kort",
            "--role",
            "admin",
        ],
        cwd=ROOT,
        env={**env, "VOORDEUR_NEW_PASSWORD": "kort"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert short.returncode == 2 and "12 characters" in short.stderr
