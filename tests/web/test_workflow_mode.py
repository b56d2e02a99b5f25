"""Workflow mode in a real browser, with the ChatKit stand-in: ChatKit gets a client secret
from our server (and a fresh one when it refreshes), never the key; the shortcut's context goes
into the message as a quote; an answer's end mirrors its thread, which the built-in view then
shows read-only. Settings switch the agent without a restart."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.browser import ServedApp, start_served_app
from tests.fixtures.fake_openai import FAKE_API_KEY
from tests.web.ask.test_asks import send_ask, wait_until_listening
from tests.web.conftest import PAGE_TIMEOUT_MS, PageUnderTest, open_tab

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"
CONTEXT = {
    "active_window": {"title": "budget.ods - LibreOffice Calc", "app": "libreoffice"},
    "selection": "Q3 travel costs rose 40%\nQ4 is flat",
}


def api(app: ServedApp, method: str, path: str, body: object = None) -> Any:
    headers = {"Authorization": f"Bearer {app.token}"}
    response = httpx.request(method, f"{app.url}{path}", headers=headers, json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def workflow_app(tmp_path: Path, fake_openai: FakeOpenAIServer) -> Iterator[ServedApp]:
    fake_openai.chatkit.add_workflow(WORKFLOW)
    served = start_served_app(
        tmp_path / "data",
        {"OPENAI_BASE_URL": fake_openai.base_url, "OPENAI_API_KEY": FAKE_API_KEY},
    )
    api(served, "PATCH", "/api/settings", {"agent": "workflow", "workflow_id": WORKFLOW})
    yield served
    served.stop()


@pytest.fixture
def workflow_tab(browser: Browser, workflow_app: ServedApp) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, workflow_app)


@pytest.fixture
def offline_workflow_tab(browser: Browser, workflow_app: ServedApp) -> Iterator[PageUnderTest]:
    yield from open_tab(browser, workflow_app, cdn_reachable=False)


def test_chatkit_gets_a_client_secret_and_a_fresh_one_on_refresh(
    workflow_tab: PageUnderTest, fake_openai: FakeOpenAIServer
) -> None:
    bodies = workflow_tab.record_bodies()
    workflow_tab.open("chatkit")

    options = workflow_tab.stand_in(
        """({
            keys: Object.keys(chatkit.options.api),
            header: chatkit.options.header.rightAction.icon,
            history: chatkit.options.history.enabled,
            attachments: chatkit.options.composer.attachments.enabled,
            secret: chatkit.clientSecret,
        })"""
    )
    refreshed = workflow_tab.stand_in("chatkit.refreshSecret()")
    asked = workflow_tab.stand_in("chatkit.secretRequests")

    sessions = fake_openai.chatkit.sessions
    assert options == {
        "keys": ["getClientSecret"],
        "header": "settings-cog",
        "history": True,
        "attachments": False,
        "secret": sessions[0]["client_secret"],
    }
    assert asked == [None, sessions[0]["client_secret"]]
    assert refreshed == sessions[1]["client_secret"]
    assert len(sessions) == 2
    assert FAKE_API_KEY not in workflow_tab.everything_shown()
    assert bodies and not any(FAKE_API_KEY in body for body in bodies)


def test_an_unknown_workflow_hands_over_with_the_reason(
    browser: Browser, workflow_app: ServedApp
) -> None:
    api(workflow_app, "PATCH", "/api/settings", {"workflow_id": "wf_notpublished"})
    for tab in open_tab(browser, workflow_app):
        tab.open("builtin")
        reason = tab.page.locator(".handover-reason").inner_text()
        assert "no workflow wf_notpublished" in reason
        assert "Settings → Agent" in reason


def test_the_shortcuts_context_goes_into_the_message_as_a_quote(
    workflow_tab: PageUnderTest,
) -> None:
    workflow_tab.open("chatkit")

    workflow_tab.set_pending_context(CONTEXT)
    workflow_tab.page.wait_for_function(
        "() => (window.__chatkitStandIn.composerValues || []).length > 0",
        timeout=PAGE_TIMEOUT_MS,
    )

    values = workflow_tab.stand_in("chatkit.composerValues")
    assert values == [
        {
            "text": "> Window: budget.ods - LibreOffice Calc — libreoffice\n"
            "> Selected text:\n"
            "> Q3 travel costs rose 40%\n"
            "> Q4 is flat\n\n"
        }
    ]
    # It is in the message now, for the user to see and edit; nothing waits beside it.
    assert workflow_tab.pending_context() is None


def test_an_ask_opens_a_new_conversation_with_the_quote_in_its_composer(
    workflow_tab: PageUnderTest, workflow_app: ServedApp
) -> None:
    workflow_tab.open("chatkit")
    wait_until_listening(workflow_tab.page)

    send_ask(workflow_app, CONTEXT)
    workflow_tab.page.wait_for_function(
        "() => window.__chatkitStandIn.composerDraft != null", timeout=PAGE_TIMEOUT_MS
    )

    # The new conversation is up before the quote goes in: its empty composer does not drop it.
    assert workflow_tab.stand_in("chatkit.threadIds") == [None]
    draft = workflow_tab.stand_in("chatkit.composerDraft")
    assert draft.startswith("> Window: budget.ods - LibreOffice Calc — libreoffice\n")
    assert "> Q3 travel costs rose 40%\n" in draft
    assert workflow_tab.pending_context() is None


def test_an_answers_end_mirrors_its_thread_for_the_built_in_view(
    workflow_tab: PageUnderTest,
    browser: Browser,
    workflow_app: ServedApp,
    fake_openai: FakeOpenAIServer,
) -> None:
    workflow_tab.open("chatkit")
    user = api(workflow_app, "GET", "/api/settings")["hosted_user_id"]
    hosted = fake_openai.chatkit
    thread_id = hosted.add_thread(user, title="Seed catalogue")
    hosted.add_message(thread_id, "user", "Which marigolds keep aphids away?")
    hosted.add_message(thread_id, "assistant", "French marigolds are the usual companions.")

    workflow_tab.stand_in("chatkit.showThreadFromItsHistory(args[0])", thread_id)
    workflow_tab.stand_in("chatkit.endResponse()")
    hits: list[Any] = []
    for _ in range(100):
        hits = api(workflow_app, "GET", "/api/search?q=marigolds")["results"]
        if hits:
            break
        workflow_tab.page.wait_for_timeout(100)

    assert {hit["thread_id"] for hit in hits} == {thread_id}
    items_calls = hosted.calls_to(f"/chatkit/threads/{thread_id}/items")
    assert items_calls

    for offline in open_tab(browser, workflow_app, cdn_reachable=False):
        offline.open("builtin")
        entry = offline.page.locator(f'[data-entry-for="{thread_id}"]')
        assert entry.locator(".hv-hosted-badge").inner_text() == "hosted"
        offline.page.get_by_label("Search conversations").fill("aphids")
        found = offline.page.locator("button.hv-result")
        found.first.wait_for()
        assert found.count() == 1
        found.first.click()
        offline.page.get_by_text("French marigolds are the usual companions.").wait_for()
        assert offline.page.locator(".hv-hosted-notice").is_visible()
        assert offline.page.locator(".hv-composer").is_hidden()


def test_a_workflow_id_pasted_in_settings_switches_chatkit_without_a_restart(
    browser: Browser, workflow_app: ServedApp
) -> None:
    api(workflow_app, "PATCH", "/api/settings", {"agent": "local"})
    for tab in open_tab(browser, workflow_app):
        tab.open("chatkit")
        assert tab.stand_in("typeof chatkit.options.api.fetch") == "function"

        api(workflow_app, "PATCH", "/api/settings", {"workflow_id": ""})
        tab.stand_in("chatkit.clickHeaderAction('right')")
        dialog = tab.page.get_by_role("dialog", name="Settings")
        dialog.get_by_label("An Agent Builder workflow, hosted by OpenAI").check()
        dialog.get_by_label("Workflow id").fill(WORKFLOW)
        dialog.get_by_role("button", name="Save settings").click()
        tab.page.wait_for_function(
            "() => Boolean(window.__chatkitStandIn.clientSecret)", timeout=PAGE_TIMEOUT_MS
        )

        assert tab.stand_in("Object.keys(chatkit.options.api)") == ["getClientSecret"]
        assert tab.page.locator("openai-chatkit").count() == 1
