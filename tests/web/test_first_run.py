"""The first-run screen: shown while no key and no other endpoint is configured, gone once
one is; it says plainly where the ChatKit UI comes from."""

import httpx
from playwright.sync_api import expect

from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest


def test_first_run_explains_the_choices_and_the_privacy_trade(first_run_tab: PageUnderTest) -> None:
    first_run_tab.open("first-run")
    page = first_run_tab.page

    expect(page.get_by_role("heading", name="Welcome to ChatKit Desktop")).to_be_focused()
    link = page.get_by_role("link", name="platform.openai.com/api-keys").first
    expect(link).to_have_attribute("href", "https://platform.openai.com/api-keys")
    text = page.inner_text("#app")
    assert "loaded from OpenAI's CDN (cdn.platform.openai.com)" in text
    assert "The built-in view is part of this app and needs no network" in text
    expect(page.get_by_label("API key")).to_be_visible()
    expect(page.get_by_label("Server address")).to_have_value("http://localhost:11434/v1")


def test_pointing_at_a_local_model_ends_the_first_run(
    first_run_tab: PageUnderTest, unconfigured_app: ServedApp
) -> None:
    first_run_tab.open("first-run")
    page = first_run_tab.page

    page.get_by_label("Model name").fill("llama3.2")
    page.get_by_role("button", name="Use this server").click()

    page.wait_for_selector('#app[data-mode="chatkit"]')
    settings = httpx.get(
        f"{unconfigured_app.url}/api/settings",
        headers={"Authorization": f"Bearer {unconfigured_app.token}"},
        timeout=10,
    ).json()
    assert settings["base_url"] == "http://localhost:11434/v1"
    assert settings["model"] == "llama3.2"


def test_skip_goes_to_chatkit(first_run_tab: PageUnderTest) -> None:
    first_run_tab.open("first-run")

    first_run_tab.page.get_by_role("button", name="Skip for now").click()

    first_run_tab.page.wait_for_selector('#app[data-mode="chatkit"]')


def test_without_a_keyring_the_screen_says_what_to_install(first_run_tab: PageUnderTest) -> None:
    first_run_tab.open("first-run")
    page = first_run_tab.page

    page.get_by_label("API key").fill("sk-test-0123456789abcdef")
    page.get_by_role("button", name="Save key").click()

    expect(page.get_by_role("alert")).to_contain_text("install")
    expect(page.locator('#app[data-mode="first-run"]')).to_be_visible()
    assert "sk-test-0123456789abcdef" not in page.content()
