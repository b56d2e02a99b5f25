"""The page's Content-Security-Policy: exactly our origin, ChatKit's script and frame from
OpenAI's CDN; no inline or evaluated script."""

import httpx

from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest

EXPECTED_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "https://cdn.platform.openai.com"],
    "frame-src": ["https://cdn.platform.openai.com"],
    "connect-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["data:", "blob:"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def test_the_page_is_served_with_the_policy(app: ServedApp) -> None:
    response = httpx.get(f"{app.url}/", timeout=10)

    assert response.status_code == 200
    assert parse_policy(response.headers["content-security-policy"]) == EXPECTED_POLICY


def test_the_page_runs_within_the_policy_and_the_policy_bites(tab: PageUnderTest) -> None:
    tab.page.add_init_script(VIOLATIONS)
    tab.open("chatkit")
    tab.stand_in("chatkit.createThread(args[0])", "Hello")
    tab.stand_in("chatkit.clickHeaderAction()")
    tab.page.get_by_role("dialog", name="Settings").get_by_label("API key").wait_for()
    assert tab.page.evaluate("window.__violations") == []

    injected = tab.page.evaluate(
        """() => {
            window.__ran = [];
            const script = document.createElement("script");
            script.textContent = "window.__ran.push('script')";
            document.body.append(script);
            const button = document.createElement("button");
            button.setAttribute("onclick", "window.__ran.push('handler')");
            document.body.append(button);
            button.click();
            return window.__ran;
        }"""
    )
    assert injected == []
    tab.page.wait_for_function("() => window.__violations.length === 2")
    assert sorted(tab.page.evaluate("window.__violations")) == [
        "script-src-attr inline",
        "script-src-elem inline",
    ]
