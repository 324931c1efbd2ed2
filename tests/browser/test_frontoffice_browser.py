"""The staff pages in a real browser: sign in, work the queue, open an intake, change its
status, read the transcript, download the PDF. Screenshots are kept as test output."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from api.internal.handoffs import Handoff, _file
from api.staff.accounts import create_staff
from api.store.db import get_async_engine, session_scope
from api.store.models import Conversation, Message
from tests.support.browser import accessibility_problems, screenshot
from tests.support.handoffs import rich_summary, settings_for, summary_with
from tests.support.services import Service, free_port

pytestmark = pytest.mark.browser
PASSWORD = "een lang wachtwoord 42"


@pytest.fixture(scope="module")
def staff_site(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    settings = settings_for(database_url, free_port(), smtp_host=None)
    username = f"anouk{free_port()}"

    async def fill() -> dict:
        try:
            async with session_scope(database_url) as db:
                await create_staff(db, username, "Anouk Frontoffice", "frontoffice", PASSWORD)
            references = {}
            for name, summary in (("rich", rich_summary()), ("acute", summary_with("violence"))):
                conversation_id = f"browser-{name}-{free_port()}"
                async with session_scope(database_url) as db:
                    db.add(Conversation(id=conversation_id, language="nl", channel="web"))
                    db.add(
                        Message(
                            conversation_id=conversation_id,
                            seq=1,
                            direction="in",
                            kind="text",
                            body="ik heb hulp nodig met de rekeningen",
                            status="done",
                        )
                    )
                filed = await _file(
                    settings, Handoff(conversation_id=conversation_id, summary=summary)
                )
                references[name] = filed["reference"]
            return references
        finally:
            await get_async_engine(database_url).dispose()

    # Playwright's sync API keeps an event loop running in this thread: fill in another.
    with ThreadPoolExecutor(1) as pool:
        references = pool.submit(asyncio.run, fill()).result()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        # Plain http on loopback in this test; production serves the pages over HTTPS.
        "VOORDEUR_SECURE_COOKIES": "false",
        "VOORDEUR_RASA_URL": f"http://127.0.0.1:{free_port()}",
    }
    api = Service(
        "staff-api",
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:app_from_env",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env,
        f"http://127.0.0.1:{port}/frontoffice/login",
    )
    api.start()
    try:
        api.wait_ready(60)
        yield {"url": f"http://127.0.0.1:{port}", "username": username, **references}
    finally:
        api.stop()


def test_a_front_office_worker_works_an_intake(browser, staff_site: dict, tmp_path: Path) -> None:
    # bypass_csp: the pages forbid scripts from anywhere; only the test injects axe-core.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{staff_site['url']}/frontoffice/")
    assert "/frontoffice/login" in page.url
    assert accessibility_problems(page) == []
    page.get_by_label("Gebruikersnaam").fill(staff_site["username"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/frontoffice/")
    screenshot(page, "frontoffice-queue-1280")
    assert accessibility_problems(page) == []

    # Acute before the older, normal one (other tests' intakes may share the queue).
    queue_text = page.locator("table.queue").inner_text()
    assert queue_text.index(staff_site["acute"]) < queue_text.index(staff_site["rich"])
    page.get_by_role("link", name=staff_site["rich"]).click()
    page.wait_for_url(f"**/intakes/{staff_site['rich']}")
    assert page.get_by_role("heading", name="Bestaanszekerheid").is_visible()
    assert page.get_by_text("Stapeling: 2 voorzieningen").is_visible()
    screenshot(page, "frontoffice-intake-1280")
    assert accessibility_problems(page) == []

    page.get_by_label("Status").select_option("in_behandeling")
    page.get_by_role("button", name="Status opslaan").click()
    page.wait_for_url(f"**/intakes/{staff_site['rich']}")
    assert "Status: In behandeling" in page.locator("main").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF om te printen").click()
    pdf = tmp_path / "intake.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Het hele gesprek lezen").click()
    assert page.get_by_text("ik heb hulp nodig met de rekeningen").is_visible()
    assert accessibility_problems(page) == []
    context.close()


def test_the_staff_pages_work_by_keyboard_on_a_small_screen(browser, staff_site: dict) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{staff_site['url']}/frontoffice/login")
    page.keyboard.press("Tab")
    # The first stop is the skip link, then the form, all without a mouse.
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type(staff_site["username"])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/frontoffice/")
    screenshot(page, "frontoffice-queue-360")
    assert accessibility_problems(page) == []
    context.close()
