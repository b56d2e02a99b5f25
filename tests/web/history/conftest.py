"""The built-in conversation view in a real browser (Debian's Chromium through Playwright)
against ``chatkit-desktop serve`` and the fake OpenAI server.

The view is what the page shows when ChatKit cannot load, so every tab here has OpenAI's CDN
refused, as on a machine offline. Conversations are written into the data directory before
the server starts (``history_seed``). ``browser`` and ``fake_openai`` come from the root
conftest's plugins; pytest refuses ``pytest_plugins`` in a conftest below the root, so nothing
is registered here.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Locator, Page, Request

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp, start_served_app
from tests.fixtures.fake_openai import FAKE_API_KEY
from tests.server.export.history_seed import Conversation, Seeded, seed_history
from tests.web.conftest import CDN_ROUTE, PAGE_TIMEOUT_MS, refuse_cdn

DEFAULT_SIZE = {"width": 1000, "height": 700}


@dataclass
class ViewTab:
    """A tab showing the built-in view, with what it asked of our server and any page errors."""

    page: Page
    app: ServedApp
    requests: list[Request] = field(default_factory=list)
    errors: list[Error] = field(default_factory=list)

    def reload(self) -> None:
        """Opens the page anew with its token: a plain reload would forget it (it leaves the
        address once read), and the same address with only a fragment would not reload."""
        self.page.goto("about:blank")
        self.page.goto(self.app.page_url)
        self.page.wait_for_selector('#app[data-mode="builtin"] .hv')

    def thread_entries(self) -> Locator:
        return self.page.locator(".hv-threads [data-thread-id]")

    def open_thread(self, title: str) -> None:
        self.page.locator(".hv-threads [data-thread-id]", has_text=title).click()
        self.page.locator(".hv-thread-title").filter(has_text=title).wait_for()
        self.page.wait_for_selector(".hv-items:not([aria-busy])")

    def chatkit_requests(self, request_type: str) -> list[Request]:
        return [
            request
            for request in self.requests
            if request.url.endswith("/chatkit")
            and request.post_data is not None
            and f'"type":"{request_type}"' in request.post_data.replace(" ", "")
        ]


@dataclass
class HistoryHarness:
    data_dir: Path
    fake: FakeOpenAIServer
    browser: Browser
    served: ServedApp | None = None
    contexts: list[BrowserContext] = field(default_factory=list)
    tabs: list[ViewTab] = field(default_factory=list)

    def seed(self, conversations: list[Conversation]) -> list[Seeded]:
        assert self.served is None, "seed before the server opens the store"
        return seed_history(self.data_dir, conversations)

    def start(self) -> ServedApp:
        if self.served is None:
            # One model call per message, failing fast: a failure test sees the first error.
            SettingsFile(data_dir()).update({"max_retries": 0, "request_timeout_seconds": 10})
            self.served = start_served_app(
                self.data_dir,
                {"OPENAI_BASE_URL": self.fake.base_url, "OPENAI_API_KEY": FAKE_API_KEY},
            )
        return self.served

    def open(self, *, size: dict[str, int] | None = None, color_scheme: str = "light") -> ViewTab:
        app = self.start()
        context = self.browser.new_context(
            viewport=size or DEFAULT_SIZE, color_scheme=color_scheme, accept_downloads=True
        )
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.route(CDN_ROUTE, refuse_cdn)
        tab = ViewTab(page, app)
        page.on("request", lambda request: tab.requests.append(request))
        page.on("pageerror", lambda error: tab.errors.append(error))
        self.tabs.append(tab)
        page.goto(app.page_url)
        page.wait_for_selector('#app[data-mode="builtin"] .hv')
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        if self.served is not None:
            self.served.stop()


@pytest.fixture
def history(
    tmp_path: Path, fake_openai: FakeOpenAIServer, browser: Browser
) -> Iterator[HistoryHarness]:
    harness = HistoryHarness(tmp_path / "data", fake_openai, browser)
    yield harness
    harness.close()
    # A script error anywhere in the view fails the test that caused it.
    errors = [str(error) for tab in harness.tabs for error in tab.errors]
    assert not errors, errors
