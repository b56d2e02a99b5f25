"""Settings says what is true: the endpoint answers come from and what decides it (the
environment, the setting, or OpenAI's default), the API choice in words that fit, and where an
environment key is to be changed."""

import httpx
from playwright.sync_api import Locator, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest


def open_settings(tab: PageUnderTest) -> Locator:
    tab.page.wait_for_selector("#app[data-mode]")
    tab.page.evaluate("import('/static/settings/panel.js').then((panel) => panel.openSettings())")
    dialog = tab.page.get_by_role("dialog", name="Settings")
    expect(dialog.get_by_test_id("endpoint-in-use")).to_be_visible()
    return dialog


def test_an_endpoint_from_the_environment_is_named_with_its_source(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    dialog = open_settings(tab)

    expect(dialog.get_by_test_id("endpoint-in-use")).to_have_text(
        f"Answers come from {fake_openai.base_url}, set by the OPENAI_BASE_URL environment "
        "variable. It overrides the choice below; change it where you set it."
    )
    api = dialog.get_by_label("API", exact=True)
    expect(api.locator("option:checked")).to_have_text("Automatic")
    expect(dialog.get_by_text("now: Chat Completions API.")).to_be_visible()
    # The select shows its whole label: nothing of it is cut off.
    assert api.evaluate("(select) => select.scrollWidth <= select.clientWidth")


def test_the_default_and_a_saved_server_are_named_too(first_run_tab: PageUnderTest) -> None:
    tab = first_run_tab
    tab.open("first-run")
    dialog = open_settings(tab)
    expect(dialog.get_by_test_id("endpoint-in-use")).to_have_text(
        "Answers come from https://api.openai.com/v1 (OpenAI)."
    )
    dialog.get_by_role("button", name="Close").click()

    app: ServedApp = tab.app
    httpx.patch(
        f"{app.url}/api/settings",
        json={"base_url": "http://localhost:11434/v1"},
        headers={"Authorization": f"Bearer {app.token}"},
        timeout=10,
    ).raise_for_status()
    dialog = open_settings(tab)
    expect(dialog.get_by_test_id("endpoint-in-use")).to_have_text(
        "Answers come from http://localhost:11434/v1, the server chosen below."
    )
