"""Debian's Chromium, driven headless by Playwright's Python API.

Playwright's own browser downloads are never used: the tests launch the system binary
that `make test` installs through apt. Where it is missing the browser tests skip with a
message naming it; in CI (VOORDEUR_CI=1) that skip is a failure instead.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, require

SCREENSHOTS = ROOT / "test-output" / "screenshots"


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Per module, not per session: Playwright's sync API runs an event loop in this thread,
# and later tests that call asyncio.run() need it gone.
@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    binary = chromium_binary()
    require(binary is not None, "Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        require(False, "the playwright Python package (make install)")
        raise
    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        browser = playwright.chromium.launch(
            executable_path=binary, headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def accessibility_problems(page: object) -> list[str]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    require(AXE.exists(), "axe-core (npm ci, run by make test)")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:80]})"
        for v in result["violations"]
    ]


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot as test output (kept, not compared)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


__all__ = ["SCREENSHOTS", "accessibility_problems", "browser", "chromium_binary", "screenshot"]
