"""Browser tests: the `browser` fixture (Debian's Chromium through Playwright)."""

from tests.support.browser import browser

__all__ = ["browser"]
