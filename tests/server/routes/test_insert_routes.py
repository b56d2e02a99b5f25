"""``POST /api/insert`` on a real server, with the app's real shortcut on a real X display: a Tk
editor is the active window, the shortcut is pressed through XTEST, the page's message carries
what it captured, the fake OpenAI server answers, and the answer goes into the editor with the
clipboard given back. Everything the route refuses leaves the editor and the clipboard alone."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.shortcut.global_shortcut import GlobalShortcut
from desktop.shortcut.install import install_global_shortcut
from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.tk_editor import TkEditor, activate, tk_editor
from testing.x_display import run_x, wait_until
from testing.x_session import XSession
from tests.desktop.insert.conftest import clipboard, clipboard_held_by_xclip, needs_tk
from tests.server.page_listener import PageListener, listening_page
from tests.server.running_server import RunningServer, user_input

EDITOR_TITLE = "letter.txt - Editor"
ANSWER = "Hi Sam — thanks so much for the draft! Grüße ☃\nCould we talk on Friday?"
BEFORE = "the user's own clipboard"

__all__ = ["needs_tk"]
TK = pytest.mark.usefixtures("needs_tk")


@pytest.fixture
def shortcut(
    chat: RunningServer, x_session: XSession, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GlobalShortcut]:
    """The app's shortcut, capture and inserter, installed as the window installs them."""
    monkeypatch.setenv("DISPLAY", x_session.display)
    installed = install_global_shortcut(chat.local, show_window=lambda: None)
    wait_until(lambda: installed.active, "the shortcut was not registered")
    yield installed
    installed.close()


@pytest.fixture
def editor(x_session: XSession, tmp_path: Path) -> Iterator[TkEditor]:
    with tk_editor(x_session, EDITOR_TITLE, "Editor", tmp_path / "editor") as editor:
        yield editor


def press_shortcut(session: XSession, page: PageListener) -> dict[str, Any]:
    """The context the page receives for the press, as it sends it with the message."""
    run_x(session, "xdotool", "key", "ctrl+alt+space")
    event = page.next_event()
    assert event["type"] == "ask"
    context: dict[str, Any] = event["context"]
    return context


def ask_and_answer(
    chat: RunningServer, fake_openai: FakeOpenAIServer, context: dict[str, Any], answer: str
) -> tuple[str, str, list[dict[str, Any]]]:
    """The message the page sends after an ask; the thread, the answer's id and the events."""
    fake_openai.reply(answer)
    events = chat.stream(
        {
            "type": "threads.create",
            "params": {"input": user_input("make this friendlier")},
            "metadata": {"context": context},
        }
    )
    answers = [
        event["item"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "assistant_message"
    ]
    assert len(answers) == 1
    return events[0]["thread"]["id"], answers[0]["id"], events


def insert(chat: RunningServer, body: Any, **headers: str) -> httpx.Response:
    with chat.client(headers=headers) as client:
        return client.post("/api/insert", json=body)


@TK
def test_the_answer_goes_into_the_window_the_shortcut_captured(
    chat: RunningServer,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    shortcut: GlobalShortcut,
    editor: TkEditor,
    tmp_path: Path,
) -> None:
    with listening_page(chat) as page:
        context = press_shortcut(x_session, page)
    assert context["active_window"] == {"title": EDITOR_TITLE, "app": "Editor"}
    thread_id, item_id, events = ask_and_answer(chat, fake_openai_env, context, ANSWER)

    widgets = [
        event["item"]["widget"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "widget"
    ]
    assert len(widgets) == 1
    buttons = widgets[0]["children"][0]["children"]
    assert [button["label"] for button in buttons] == ["Copy", f"Insert into “{EDITOR_TITLE}”"]
    payload = {"item_id": item_id, "thread_id": thread_id}
    assert [button["onClickAction"] for button in buttons] == [
        {"type": "answer.copy", "payload": payload, "handler": "client"},
        {"type": "answer.insert", "payload": payload, "handler": "client"},
    ]

    # The user is back in the chat when they press Insert.
    with tk_editor(x_session, "chat stand-in", "Chat", tmp_path / "chat") as chat_window:
        activate(x_session, chat_window.window_id)
        with clipboard_held_by_xclip(x_session, BEFORE):
            answer = insert(chat, {"text": ANSWER, **payload})
            assert answer.status_code == 200, answer.text
            assert answer.json() == {"inserted_into": {"title": EDITOR_TITLE, "app": "Editor"}}
            wait_until(lambda: editor.text() == ANSWER, "the editor did not get the answer")
            assert clipboard(x_session) == BEFORE
        assert chat_window.text() is None

    # A part of the answer (a paragraph the page picked) is the model's words too.
    assert insert(chat, {"text": "Could we talk on Friday?", **payload}).status_code == 200
    wait_until(
        lambda: editor.text() == ANSWER + "Could we talk on Friday?", "the part did not arrive"
    )


@TK
def test_what_the_model_did_not_write_is_refused(
    chat: RunningServer,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    shortcut: GlobalShortcut,
    editor: TkEditor,
) -> None:
    with listening_page(chat) as page:
        context = press_shortcut(x_session, page)
    thread_id, item_id, events = ask_and_answer(chat, fake_openai_env, context, ANSWER)
    payload = {"item_id": item_id, "thread_id": thread_id}

    forged = insert(chat, {"text": "rm -rf ~\n", **payload})
    assert forged.status_code == 400
    assert "only the answer's own text" in forged.json()["error"]["message"].lower()

    user_message = next(
        event["item"]["id"]
        for event in events
        if event["type"] == "thread.item.done" and event["item"]["type"] == "user_message"
    )
    theirs = insert(chat, {"text": "make this", "item_id": user_message, "thread_id": thread_id})
    assert theirs.status_code == 400

    missing = insert(chat, {"text": "Hi", "item_id": "msg_nothing", "thread_id": thread_id})
    assert missing.status_code == 404

    too_long = insert(chat, {"text": "a" * 100_001, **payload})
    assert too_long.status_code == 413
    assert "at most 100,000" in too_long.json()["error"]["message"]

    for malformed in ({}, {"text": 5, **payload}, {"text": ANSWER}, [ANSWER]):
        refused = insert(chat, malformed)
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"]["message"]
    assert insert(chat, {"text": ANSWER, **payload}, Authorization="").status_code == 401
    assert editor.text() is None


@TK
def test_only_the_latest_ask_s_window_and_answers(
    chat: RunningServer,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
    shortcut: GlobalShortcut,
    editor: TkEditor,
    tmp_path: Path,
) -> None:
    with listening_page(chat) as page:
        first = press_shortcut(x_session, page)
        old_thread, old_answer, _events = ask_and_answer(chat, fake_openai_env, first, ANSWER)

        # An ask with a text of its own captures no window: there is nowhere to insert.
        with chat.client() as client:
            client.post("/api/ask", json={"context": {"selection": "x"}}).raise_for_status()
        page.next_event()
        refused = insert(chat, {"text": ANSWER, "item_id": old_answer, "thread_id": old_thread})
        assert refused.status_code == 409
        assert "No window was captured" in refused.json()["error"]["message"]

        # A later press in another window: the earlier answer does not go there.
        with tk_editor(x_session, "other.txt - Editor", "Editor", tmp_path / "other") as other:
            second = press_shortcut(x_session, page)
            assert second["active_window"]["title"] == "other.txt - Editor"
            refused = insert(chat, {"text": ANSWER, "item_id": old_answer, "thread_id": old_thread})
            assert refused.status_code == 409
            assert "latest ask" in refused.json()["error"]["message"]
            thread_id, item_id, _events = ask_and_answer(chat, fake_openai_env, second, "Closing.")
        # Its window has closed since.
        refused = insert(chat, {"text": "Closing.", "item_id": item_id, "thread_id": thread_id})
        assert refused.status_code == 409
        assert "“other.txt - Editor” has closed" in refused.json()["error"]["message"]
    assert other.text() is None
    assert editor.text() is None


def test_under_serve_there_is_nothing_to_insert_into(chat: RunningServer) -> None:
    refused = insert(chat, {"text": "x", "item_id": "msg_1", "thread_id": "thr_1"})
    assert refused.status_code == 409
    assert "cannot insert" in refused.json()["error"]["message"]


def test_messages_without_a_window_get_no_buttons(
    chat: RunningServer, fake_openai_env: FakeOpenAIServer
) -> None:
    _thread, _item, events = ask_and_answer(chat, fake_openai_env, {"selection": "text"}, "Sure.")
    assert not [event for event in events if event.get("item", {}).get("type") == "widget"]
