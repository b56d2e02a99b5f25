"""The built-in view's model menu: the models ChatKit's composer would offer, the pick sent as
the message's ``inference_options.model`` and answered by that model."""

from playwright.sync_api import expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.web.history.conftest import HistoryHarness

# The agent's first load and a busy machine: answers may take a while, never this long.
ANSWER_TIMEOUT_MS = 60_000


def test_the_view_offers_the_endpoints_models_and_the_pick_answers(
    history: HistoryHarness, fake_openai: FakeOpenAIServer
) -> None:
    tab = history.open()
    page = tab.page
    menu = page.get_by_role("combobox", name="Model")
    expect(menu).to_be_visible()
    expect(menu.locator("option")).to_have_text(["gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini"])
    expect(menu).to_have_value("gpt-4.1-mini")

    box = page.get_by_role("textbox", name="Message")
    box.fill("first, with the default")
    box.press("Enter")
    expect(page.locator(".hv-assistant")).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    assert fake_openai.last_model_call().body["model"] == "gpt-4.1-mini"

    menu.select_option("gpt-4o-mini")
    box.fill("then with the pick")
    box.press("Enter")
    expect(page.locator(".hv-assistant")).to_have_count(2, timeout=ANSWER_TIMEOUT_MS)
    assert fake_openai.last_model_call().body["model"] == "gpt-4o-mini"
