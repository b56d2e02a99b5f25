"""The page in a real browser: Debian's Chromium, driven by Playwright, against
``chatkit-desktop serve`` and the fake OpenAI server.

OpenAI's CDN cannot be reached from the test machines, so requests for it are answered here:
with ``chatkit_stand_in.js`` (a stand-in for the ChatKit element, see its header), or refused,
as when the user is offline.

The root conftest registers the browser, fake OpenAI and Secret Service fixtures.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, Route

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp, start_served_app
from tests.fixtures.secret_service import SecretService

CDN_ROUTE = "https://cdn.platform.openai.com/**"
CHATKIT_SCRIPT = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js"
STAND_IN = Path(__file__).with_name("chatkit_stand_in.js")
STAND_IN_FRAME = "<!doctype html><title>ChatKit stand-in frame</title><p>stand-in</p>"
# Long enough for a slow start of the served app on two shared cores.
PAGE_TIMEOUT_MS = 20_000


def serve_stand_in(route: Route) -> None:
    if route.request.url == CHATKIT_SCRIPT:
        route.fulfill(path=STAND_IN, content_type="text/javascript")
    elif route.request.url.endswith("/stand-in-frame.html"):
        route.fulfill(body=STAND_IN_FRAME, content_type="text/html")
    else:
        route.abort("blockedbyclient")


def refuse_cdn(route: Route) -> None:
    route.abort("internetdisconnected")


@dataclass
class PageUnderTest:
    """A browser tab on the served app, keeping every response it received."""

    page: Page
    app: ServedApp
    responses: list[Response] = field(default_factory=list)

    def open(self, mode: str | None = None) -> None:
        """Opens the page with its token; waits until it shows ``mode`` (any mode if None)."""
        self.page.goto(self.app.page_url)
        selector = f'#app[data-mode="{mode}"]' if mode else "#app[data-mode]"
        self.page.wait_for_selector(selector)

    def record_bodies(self) -> list[str]:
        """From now on, every body our server sends this tab, read whole.

        Through a route, because the browser keeps no copy of a streamed body to ask for.
        The ask event stream is let through unread: it never ends, so it has no whole body, and
        it carries only what a shortcut press captured."""
        bodies: list[str] = []

        def record(route: Route) -> None:
            if route.request.url.startswith(f"{self.app.url}/api/events"):
                route.continue_()
                return
            response = route.fetch()
            bodies.append(response.text())
            route.fulfill(response=response)

        self.page.route(f"{self.app.url}/**", record)
        return bodies

    def everything_shown(self) -> str:
        """The DOM as markup, plus what is typed in fields, which markup leaves out."""
        values = self.page.evaluate(
            "[...document.querySelectorAll('input, textarea')].map((field) => field.value)"
        )
        return "\n".join([self.page.content(), *values])

    def stand_in(self, expression: str, *args: object) -> object:
        """Evaluates ``expression`` with ``chatkit`` bound to the stand-in element."""
        return self.page.evaluate(
            f"async (args) => {{ const chatkit = window.__chatkitStandIn; return {expression}; }}",
            list(args),
        )

    def set_pending_context(self, context: dict[str, object]) -> None:
        # The same module instance the page uses: modules are shared per URL.
        self.page.evaluate(
            "async (context) => (await import('/static/session.js')).setPendingContext(context)",
            context,
        )

    def pending_context(self) -> object:
        return self.page.evaluate(
            "async () => (await import('/static/session.js')).getPendingContext()"
        )


@pytest.fixture
def app(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[ServedApp]:
    """The app with the fake OpenAI server as its endpoint: configured, so no first run."""
    served = start_served_app(tmp_path / "data", {"OPENAI_BASE_URL": fake_openai.base_url})
    yield served
    served.stop()


@pytest.fixture
def unconfigured_app(tmp_path: Path) -> Iterator[ServedApp]:
    """The app with no key and no endpoint: the first-run case."""
    served = start_served_app(tmp_path / "data")
    yield served
    served.stop()


@pytest.fixture
def keyring_app(
    tmp_path: Path, secret_service: SecretService, fake_openai: FakeOpenAIServer
) -> Iterator[ServedApp]:
    """``app`` with a real Secret Service: started after it, so it inherits its bus."""
    served = start_served_app(tmp_path / "data", {"OPENAI_BASE_URL": fake_openai.base_url})
    yield served
    served.stop()


@pytest.fixture
def keyring_first_run_app(tmp_path: Path, secret_service: SecretService) -> Iterator[ServedApp]:
    """``unconfigured_app`` with a real Secret Service."""
    served = start_served_app(tmp_path / "data")
    yield served
    served.stop()


def open_tab(
    browser: Browser, app: ServedApp, *, cdn_reachable: bool = True
) -> Iterator[PageUnderTest]:
    context = browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    page.route(CDN_ROUTE, serve_stand_in if cdn_reachable else refuse_cdn)
    tab = PageUnderTest(page, app)
    page.on("response", lambda response: tab.responses.append(response))
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser, app: ServedApp) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, app)


@pytest.fixture
def offline_tab(browser: Browser, app: ServedApp) -> Iterator[PageUnderTest]:
    """A tab for which OpenAI's CDN is unreachable."""
    yield from open_tab(browser, app, cdn_reachable=False)


@pytest.fixture
def first_run_tab(browser: Browser, unconfigured_app: ServedApp) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, unconfigured_app)


@pytest.fixture
def keyring_tab(browser: Browser, keyring_app: ServedApp) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, keyring_app)


@pytest.fixture
def keyring_first_run_tab(
    browser: Browser, keyring_first_run_app: ServedApp
) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, keyring_first_run_app)
