"""The web widget in a real browser against the real services: a whole persona by
clicking and typing, keyboard only, pause and come back, WCAG checks, screenshots."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import SHARED, require
from tests.support.browser import accessibility_problems, browser, screenshot
from tests.support.personas import Persona
from tests.support.services import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
__all__ = ["browser"]

PERSONA = SHARED / "personas" / "06-traplift.yml"


def open_chat(browser, stack: Stack, width: int):
    # bypass_csp only so the test can inject axe-core; the page itself needs no exception.
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{stack.api_url}/chat")
    page.locator(".vd-bot").first.wait_for()
    wait_until_idle(page)
    return context, page


def wait_until_idle(page) -> None:
    """A reply's messages appear one by one; the buttons come with the last of them."""
    page.locator('.vd-log[aria-busy="false"]').wait_for(timeout=30000)


def current_question(page) -> str | None:
    choices = page.locator(".vd-choice")
    if choices.count():
        return choices.first.get_attribute("data-question")
    return None


def wait_for_reply(page, before: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.vd-bot').length > n", arg=before, timeout=30000
    )
    wait_until_idle(page)


def test_a_persona_talks_through_the_widget_by_clicking_and_typing(browser, stack: Stack) -> None:
    require(PERSONA.exists(), "../shared/personas is not beside the checkout")
    persona = Persona.load(PERSONA)
    context, page = open_chat(browser, stack, 1280)
    assert accessibility_problems(page) == []
    screenshot(page, "widget-start-1280")
    opened = False
    for _ in range(60):
        before = page.locator(".vd-bot").count()
        if (
            "VD-" in page.locator(".vd-log").inner_text()
            and "Dank u wel" in page.locator(".vd-log").inner_text()
        ):
            break
        question = current_question(page)
        text = page.locator(".vd-bot").last.inner_text()
        answer = persona.answer_for(question) if question else None
        if question is None and not opened and "Wat is er aan de hand" in text:
            opened = True
            page.get_by_role("textbox", name="Uw antwoord").fill(persona.opening)
            page.get_by_role("button", name="Stuur").click()
        elif question is None:
            typed = persona.answer_for(_free_question(text)) or persona.default
            page.get_by_role("textbox", name="Uw antwoord").fill(str(typed))
            page.get_by_role("button", name="Stuur").click()
        elif question == "confirm.summary":
            page.locator('.vd-choice[data-option="yes"]').click()
        else:
            option = answer.get("choose") if isinstance(answer, dict) else None
            button = page.locator(f'.vd-choice[data-option="{option}"]')
            if option and button.count():
                button.click()
            else:
                said = answer.get("say") if isinstance(answer, dict) else answer
                page.get_by_role("textbox", name="Uw antwoord").fill(str(said or persona.default))
                page.get_by_role("button", name="Stuur").click()
        wait_for_reply(page, before)
    log = page.locator(".vd-log").inner_text()
    assert "Dank u wel" in log and "VD-" in log, log[-800:]
    screenshot(page, "widget-finished-1280")
    context.close()


def _free_question(text: str) -> str:
    # Free-text questions show no buttons: tell them apart by their words.
    for words, question in (
        ("Wie wonen er", "household.members"),
        ("Wat is uw naam", "contact.name"),
        ("nummer", "contact.phone"),
        ("Wat wilt u", "request"),
    ):
        if words in text:
            return question
    return "unknown"


def test_read_aloud_and_simpler_words(browser, stack: Stack) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # Record what would be spoken: headless Chromium has no voices to listen to.
    context.add_init_script(
        "window.__spoken = [];"
        "window.speechSynthesis.speak = u => window.__spoken.push([u.lang, u.text]);"
    )
    page = context.new_page()
    page.goto(f"{stack.api_url}/chat")
    page.locator(".vd-choice").first.wait_for()
    page.locator(".vd-bot").last.get_by_role("button", name="Lees voor").first.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[-1][0] == "nl-NL" and "Mag de gemeente" in spoken[-1][1]
    # The consent question has simpler words: the button is offered and gives them.
    before = page.locator(".vd-bot").count()
    page.get_by_role("button", name="Zeg het makkelijker").click()
    wait_for_reply(page, before)
    assert page.locator(".vd-bot").last.locator("p").inner_text() == (
        "Mag de gemeente uw antwoorden zien?"
    )
    context.close()


def test_keyboard_only_on_a_phone_screen_and_coming_back_continues(browser, stack: Stack) -> None:
    context, page = open_chat(browser, stack, 360)
    # Tab to the first choice ("Ja") and press Enter: no mouse anywhere.
    page.locator(".vd-choice").first.wait_for()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('vd-choice')"):
            break
    assert page.evaluate("document.activeElement.textContent") == "Ja"
    before = page.locator(".vd-bot").count()
    page.keyboard.press("Enter")
    wait_for_reply(page, before)
    page.get_by_role("textbox", name="Uw antwoord").focus()
    before = page.locator(".vd-bot").count()
    page.keyboard.type("ik kan de trap niet meer op")
    page.keyboard.press("Enter")
    wait_for_reply(page, before)
    screenshot(page, "widget-keyboard-360")
    assert accessibility_problems(page) == []
    # The page fits a 360 px phone: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Pause shows the code; coming back to the page continues the same conversation.
    before = page.locator(".vd-bot").count()
    page.get_by_role("button", name="Pauze").click()
    wait_for_reply(page, before)
    assert "code" in page.locator(".vd-bot").last.inner_text()
    asked = page.locator(".vd-bot").nth(-2).inner_text()
    page.reload()
    page.locator(".vd-bot").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll('.vd-bot').length > 3")
    assert "ik kan de trap niet meer op" in page.locator(".vd-log").inner_text()
    assert asked.split("\n")[0] in page.locator(".vd-log").inner_text()
    context.close()


def test_the_widget_embeds_with_one_script_tag(
    browser, stack: Stack, tmp_path: Path, municipal_site_port: int
) -> None:
    tag = f'<script src="{stack.api_url}/widget.js" defer></script>'
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="nl"><head><title>Gemeente</title></head>'
        f"<body><h1>Gemeente Brunssum</h1>{tag}</body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    site = ThreadingHTTPServer(("127.0.0.1", municipal_site_port), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{municipal_site_port}/index.html")
    opener = page.get_by_role("button", name="Chat met de gemeente")
    opener.click()
    assert opener.get_attribute("aria-expanded") == "true"
    page.locator(".vd-choice").first.wait_for()
    assert page.locator(".vd-choice").count() >= 2
    screenshot(page, "widget-embedded-1280")
    context.close()
    site.shutdown()


def test_choosing_arabic_turns_the_widget_right_to_left_and_relabels_it(
    browser, stack: Stack
) -> None:
    context, page = open_chat(browser, stack, 390)
    root = page.locator(".vd-chat")
    assert root.get_attribute("dir") == "ltr"
    dutch_send = page.locator(".vd-send").inner_text()
    before = page.locator(".vd-bot").count()
    page.locator('.vd-choice[data-option="language"]').click()
    wait_for_reply(page, before)
    before = page.locator(".vd-bot").count()
    page.locator('.vd-choice[data-option="ar"]').click()
    wait_for_reply(page, before)
    page.wait_for_function("() => document.querySelector('.vd-chat').dir === 'rtl'")
    assert root.get_attribute("lang") == "ar"
    last = page.locator(".vd-bot").last
    assert last.get_attribute("dir") == "rtl"
    assert last.get_attribute("lang") == "ar"
    # The widget's own words follow the conversation: the send button is no longer Dutch.
    page.wait_for_function(
        "dutch => document.querySelector('.vd-send').textContent !== dutch", arg=dutch_send
    )
    assert accessibility_problems(page) == []
    screenshot(page, "widget-arabic-390")
    context.close()
