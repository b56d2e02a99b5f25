"""The API key from the page: sent once, kept in a real Secret Service, used for the model, and
never sent back: only where it comes from is ever shown."""

import keyring
from playwright.sync_api import Browser, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest, open_tab

KEY = "sk-test-proj-3f9a1c7e5b2d4f60a8c1e9b7d3f5a2c4"
SERVICE, USERNAME = "chatkit-desktop", "openai-api-key"


def assert_key_never_reached_the_page(tab: PageUnderTest, bodies: list[str]) -> None:
    assert any('"source"' in body for body in bodies), "no key status was received"
    assert not [body for body in bodies if KEY in body]
    assert KEY not in tab.everything_shown()


def test_first_run_ends_once_a_key_is_stored(
    keyring_first_run_tab: PageUnderTest, keyring_first_run_app: ServedApp, browser: Browser
) -> None:
    tab = keyring_first_run_tab
    bodies = tab.record_bodies()
    tab.open("first-run")
    expect(tab.page.get_by_text("No API key is set.")).to_be_visible()

    tab.page.get_by_label("API key").fill(KEY)
    tab.page.get_by_role("button", name="Save key").click()

    tab.page.wait_for_selector('#app[data-mode="chatkit"]')
    assert keyring.get_password(SERVICE, USERNAME) == KEY
    assert_key_never_reached_the_page(tab, bodies)
    for later in open_tab(browser, keyring_first_run_app):
        later.open()
        assert later.page.get_attribute("#app", "data-mode") == "chatkit"


LOCAL_SERVER_KEY = (
    "A server on this computer is sent no key from the keyring; if it needs one, set "
    "OPENAI_API_KEY."
)


def test_a_key_set_in_settings_is_stored_shown_by_source_and_cleared(
    keyring_tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab = keyring_tab
    bodies = tab.record_bodies()
    tab.open("chatkit")
    tab.stand_in("chatkit.clickHeaderAction()")
    dialog = tab.page.get_by_role("dialog", name="Settings")
    expect(dialog.get_by_test_id("key-source")).to_have_text(LOCAL_SERVER_KEY)

    dialog.get_by_label("API key").fill(KEY)
    dialog.get_by_role("button", name="Save key").click()

    expect(dialog.get_by_test_id("key-source")).to_have_text(
        f"{LOCAL_SERVER_KEY} The key stored in the system keyring (Secret Service) is sent only "
        "to OpenAI and servers on other computers."
    )
    expect(dialog.get_by_label("API key")).to_have_value("")
    assert keyring.get_password(SERVICE, USERNAME) == KEY
    tab.stand_in("chatkit.createThread(args[0])", "Hello")
    # The fake is a server on this computer: such a server is never sent the keyring's key.
    assert fake_openai.last_model_call().api_key != KEY

    dialog.get_by_role("button", name="Remove stored key").click()

    expect(dialog.get_by_test_id("key-source")).to_have_text(LOCAL_SERVER_KEY)
    expect(dialog.get_by_role("button", name="Remove stored key")).to_be_hidden()
    assert keyring.get_password(SERVICE, USERNAME) is None
    assert any("thread.created" in body for body in bodies), "the streamed answer is checked too"
    assert_key_never_reached_the_page(tab, bodies)


def test_a_bad_key_is_refused_with_the_reason(keyring_tab: PageUnderTest) -> None:
    tab = keyring_tab
    tab.open("chatkit")
    tab.stand_in("chatkit.clickHeaderAction()")
    dialog = tab.page.get_by_role("dialog", name="Settings")

    dialog.get_by_label("API key").fill("sk-one two")
    dialog.get_by_role("button", name="Save key").click()

    expect(dialog.get_by_role("alert")).to_have_text(
        "The API key must not contain spaces; paste only the key."
    )
    assert keyring.get_password(SERVICE, USERNAME) is None
