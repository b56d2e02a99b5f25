"""ChatKit's composer model picker (``composer.models``), with the stand-in element in place of
OpenAI's: the page offers what the endpoint lists, and the pick reaches the model endpoint."""

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.web.conftest import PageUnderTest


def test_the_composer_offers_the_endpoints_models_and_the_pick_answers(
    tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    tab.open("chatkit")
    tab.page.wait_for_function(
        "() => (window.__chatkitStandIn.options.composer.models || []).length > 0"
    )
    assert tab.stand_in("chatkit.options.composer.models") == [
        {"id": "gpt-4.1-mini", "label": "gpt-4.1-mini", "default": True},
        {"id": "gpt-4.1", "label": "gpt-4.1", "default": False},
        {"id": "gpt-4o-mini", "label": "gpt-4o-mini", "default": False},
    ]

    tab.stand_in("chatkit.pickModel('gpt-4o-mini')")
    answer = tab.stand_in("chatkit.createThread('which model answers?')")
    assert isinstance(answer, dict) and answer["status"] == 200
    assert fake_openai.last_model_call().body["model"] == "gpt-4o-mini"
