"""The app's page, reached over the Chrome DevTools Protocol that Qt WebEngine opens when
``QTWEBENGINE_REMOTE_DEBUGGING`` is set. Playwright attaches to it: no browser download."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Error, Page, Playwright

CONNECT_TIMEOUT = 30.0


@contextmanager
def app_page(playwright: Playwright, cdp_port: int, url_prefix: str) -> Iterator[Page]:
    browser = _connect(playwright, cdp_port)
    try:
        yield _find_page(browser, url_prefix)
    finally:
        browser.close()


def _connect(playwright: Playwright, cdp_port: int) -> Browser:
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            # Without no_defaults Playwright tries to set up its own defaults and fails.
            return playwright.chromium.connect_over_cdp(
                f"http://127.0.0.1:{cdp_port}", no_defaults=True, timeout=10_000
            )
        except Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _find_page(browser: Browser, url_prefix: str) -> Page:
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while time.monotonic() < deadline:
        for context in browser.contexts:
            for page in context.pages:
                if page.url.startswith(url_prefix):
                    return page
        time.sleep(0.1)
    seen = [page.url for context in browser.contexts for page in context.pages]
    raise AssertionError(f"no page at {url_prefix} among {seen}")
