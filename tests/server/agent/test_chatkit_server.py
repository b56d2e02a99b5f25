"""``respond()`` end to end: real HTTP into the real server, the real Agents SDK and ``openai``
client out to the fake OpenAI API, the real SQLite store underneath."""

import os
import pwd
import socket
import time
from typing import Any

import pytest

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.behaviours import TextReply
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.running_server import (
    RunningServer,
    assistant_texts,
    parse_events,
    stream_errors,
    user_input,
)


def create(chat: RunningServer, text: str, **metadata: Any) -> tuple[str, list[dict[str, Any]]]:
    body: dict[str, Any] = {"type": "threads.create", "params": {"input": user_input(text)}}
    if metadata:
        body["metadata"] = metadata
    events = chat.stream(body)
    return events[0]["thread"]["id"], events


def add(chat: RunningServer, thread_id: str, text: str, **metadata: Any) -> list[dict[str, Any]]:
    body: dict[str, Any] = {
        "type": "threads.add_user_message",
        "params": {"thread_id": thread_id, "input": user_input(text)},
    }
    if metadata:
        body["metadata"] = metadata
    return chat.stream(body)


def items(chat: RunningServer, thread_id: str) -> list[dict[str, Any]]:
    page = chat.request(
        {"type": "items.list", "params": {"thread_id": thread_id, "limit": 100, "order": "asc"}}
    )
    return page["data"]


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_turn_three_sees_turns_one_and_two(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    thread_id, events = create(chat, "first question")
    assert assistant_texts(events) == ["You said: first question"]
    add(chat, thread_id, "second question")
    add(chat, thread_id, "third question")

    call = fake_openai.last_model_call()
    assert call.api == api
    assert call.texts("user") == ["first question", "second question", "third question"]
    assert call.texts("assistant") == ["You said: first question", "You said: second question"]

    stored = items(chat, thread_id)
    assert [item["type"] for item in stored] == ["user_message", "assistant_message"] * 3
    # On Chat Completions every answer arrives as "__fake_id__": ids must still be distinct.
    assert len({item["id"] for item in stored}) == 6
    assert all(item["id"].startswith("msg_") for item in stored)


def test_the_thread_is_titled_from_its_first_message(chat: RunningServer) -> None:
    thread_id, events = create(chat, "How do I   rotate a PDF page?")
    assert any(
        event["type"] == "thread.updated"
        and event["thread"]["title"] == "How do I rotate a PDF page?"
        for event in events
    )
    threads = chat.request({"type": "threads.list", "params": {"limit": 5, "order": "desc"}})
    assert threads["data"][0]["id"] == thread_id
    assert threads["data"][0]["title"] == "How do I rotate a PDF page?"


def test_the_title_is_saved_after_the_first_words_not_before_them(chat: RunningServer) -> None:
    _, events = create(chat, "a question of several words")
    kinds = [event.get("update", {}).get("type", event["type"]) for event in events]
    assert kinds.index("assistant_message.content_part.text_delta") < kinds.index("thread.updated")


def test_a_client_that_leaves_before_the_answer_still_gets_a_titled_thread(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    # Answered once released: the Agents SDK's run outlives a client that left, and a cut
    # connection would end it in an error.
    hang = fake_openai.hang(then=TextReply("too late"))
    body = {"type": "threads.create", "params": {"input": user_input("an unanswered question")}}
    with (
        chat.client() as client,
        client.stream("POST", "/chatkit", json=body) as response,
    ):
        lines = response.iter_lines()  # kept open: a closed iterator closes the response
        while '"stream_options"' not in next(lines):
            pass
        assert hang.reached.wait(10)

    titles: list[str | None] = [None]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and titles != ["an unanswered question"]:
        threads = chat.request({"type": "threads.list", "params": {"limit": 5, "order": "desc"}})
        titles = [thread.get("title") for thread in threads["data"]]
        time.sleep(0.05)
    hang.release()
    assert titles == ["an unanswered question"]


def test_shared_context_and_the_os_user_reach_the_model(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    context = {
        "active_window": {"title": "Quarterly report.odt", "app": "LibreOffice Writer"},
        "selection": "revenue grew by a quantum flux",
    }
    thread_id, _ = create(chat, "what does this mean?", context=context)
    call = fake_openai.last_model_call()
    assert pwd.getpwuid(os.getuid()).pw_name in call.instructions
    for shared in ("Quarterly report.odt", "LibreOffice Writer", "a quantum flux"):
        assert shared in call.all_text

    add(chat, thread_id, "and what should I do about it?")
    later = fake_openai.last_model_call()
    assert "a quantum flux" in later.all_text
    assert "Quarterly report.odt" in later.all_text
    # Shared once, not again as the message's quote.
    assert sum(text.count("a quantum flux") for text in later.texts("user")) == 1

    first_message = items(chat, thread_id)[0]
    assert first_message["type"] == "user_message"
    assert first_message["quoted_text"] == "revenue grew by a quantum flux"


def test_settings_keep_each_part_of_the_context_private(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    SettingsFile(data_dir()).update(
        {"share_user_name": False, "share_active_window": False, "share_selection": False}
    )
    context = {"active_window": {"title": "Secret plan", "app": "vim"}, "selection": "launch"}
    thread_id, _ = create(chat, "hello", context=context)
    call = fake_openai.last_model_call()
    login = pwd.getpwuid(os.getuid()).pw_name
    assert "Secret plan" not in call.all_text
    assert "launch" not in call.all_text
    assert f"talking with {login}" not in call.instructions
    assert "quoted_text" not in items(chat, thread_id)[0]


def test_without_a_key_the_stream_says_what_to_do(
    chat: RunningServer, fake_openai: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("OPENAI_BASE_URL")
    thread_id, events = create(chat, "hello?")
    [error] = stream_errors(events)
    assert error["message"] == "No API key — open Settings or run `chatkit-desktop key set`"
    assert [item["type"] for item in items(chat, thread_id)] == ["user_message"]
    threads = chat.request({"type": "threads.list", "params": {"limit": 5, "order": "desc"}})
    assert threads["data"][0]["title"] == "hello?"
    assert not fake_openai.requests.model_calls()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("arrange", "expected"),
    [
        (lambda fake, env: fake.fail(401), "The key in OPENAI_API_KEY was rejected by"),
        (lambda fake, env: fake.fail(429), "Rate limited by"),
        (lambda fake, env: fake.fail(500), "answered with an error (HTTP 500)"),
        (lambda fake, env: fake.hang(), "did not answer in time"),
        (
            lambda fake, env: env.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{closed_port()}/v1"),
            "Cannot reach http://127.0.0.1:",
        ),
        (
            lambda fake, env: env.setenv("OPENAI_BASE_URL", "http://no-such-host.invalid/v1"),
            "Cannot reach http://no-such-host.invalid/v1",
        ),
    ],
    ids=["401", "429", "500", "timeout", "refused", "dns"],
)
def test_a_failed_model_call_is_explained_and_loses_nothing(
    chat: RunningServer,
    fake_openai: FakeOpenAIServer,
    monkeypatch: pytest.MonkeyPatch,
    arrange: Any,
    expected: str,
) -> None:
    SettingsFile(data_dir()).update({"request_timeout_seconds": 1})
    thread_id, _ = create(chat, "first")
    arrange(fake_openai, monkeypatch)

    events = add(chat, thread_id, "this one fails")
    [error] = stream_errors(events)
    assert expected in error["message"]
    assert [item["type"] for item in items(chat, thread_id)] == [
        "user_message",
        "assistant_message",
        "user_message",
    ]

    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    failed_message = items(chat, thread_id)[-1]["id"]
    retried = chat.stream(
        {
            "type": "threads.retry_after_item",
            "params": {"thread_id": thread_id, "item_id": failed_message},
        }
    )
    assert assistant_texts(retried) == ["You said: this one fails"]
    assert assistant_texts(add(chat, thread_id, "and the next")) == ["You said: and the next"]


def test_a_client_that_drops_the_stream_keeps_what_was_streamed(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    thread_id, _ = create(chat, "start")
    answer = " ".join(f"word{n}" for n in range(200))
    fake_openai.reply(answer, deltas=200, delta_delay=0.02)
    body = {
        "type": "threads.add_user_message",
        "params": {"thread_id": thread_id, "input": user_input("tell me a long story")},
    }
    received = ""
    with (
        chat.client() as client,
        client.stream("POST", "/chatkit", json=body) as response,
    ):
        for line in response.iter_lines():
            received += line + "\n"
            if received.count("assistant_message.content_part.text_delta") >= 10:
                break
    assert parse_events(received)

    saved: list[dict[str, Any]] = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not saved:
        saved = [item for item in items(chat, thread_id)[2:] if item["type"] == "assistant_message"]
        time.sleep(0.1)
    [partial] = saved
    text = "".join(part["text"] for part in partial["content"])
    assert text
    assert answer.startswith(text)
    assert len(text) < len(answer)


def test_a_long_conversation_sends_its_newest_turns(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    thread_id, _ = create(chat, "message 0")
    for number in range(1, 35):
        add(chat, thread_id, f"message {number}")
    users = fake_openai.last_model_call().texts("user")
    assert users[-1] == "message 34"
    assert "message 0" not in users


def test_items_list_hides_hidden_context(chat: RunningServer) -> None:
    thread_id, _ = create(chat, "q", context={"selection": "some text"})
    assert "hidden_context_item" not in {item["type"] for item in items(chat, thread_id)}
    thread = chat.request({"type": "threads.get_by_id", "params": {"thread_id": thread_id}})
    assert "hidden_context_item" not in {item["type"] for item in thread["items"]["data"]}


def test_streams_are_not_cached(chat: RunningServer) -> None:
    with chat.client() as client:
        response = client.post(
            "/chatkit", json={"type": "threads.create", "params": {"input": user_input("x")}}
        )
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_burst_from_the_model_streams_early_and_in_fewer_events(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    create(chat, "warm up")  # the first answer also pays for first-time imports and caches
    deltas = 2000
    answer = " ".join(f"w{n}" for n in range(deltas))
    fake_openai.reply(answer, deltas=deltas)
    body = {"type": "threads.create", "params": {"input": user_input("go")}}
    arrivals: list[float] = []
    text = ""
    with (
        chat.client() as client,
        client.stream("POST", "/chatkit", json=body) as response,
    ):
        started = time.perf_counter()
        for line in response.iter_lines():
            if "assistant_message.content_part.text_delta" in line:
                arrivals.append(time.perf_counter() - started)
                [event] = parse_events(line)
                text += event["update"]["delta"]
    assert text == answer
    assert arrivals[0] < arrivals[-1] / 4
    # Deltas that queued up while ChatKit relayed others went on joined.
    assert len(arrivals) < deltas / 2


@pytest.mark.parametrize("api", ["responses", "chat_completions"])
def test_stopping_an_answer_stops_the_model_call(
    chat: RunningServer, fake_openai: FakeOpenAIServer, api: str
) -> None:
    SettingsFile(data_dir()).update({"api_flavor": api})
    thread_id, _ = create(chat, "start")
    # Four seconds of answer, of which the client reads the first few words.
    fake_openai.reply(" ".join(f"word{n}" for n in range(200)), deltas=200, delta_delay=0.02)
    body = {
        "type": "threads.add_user_message",
        "params": {"thread_id": thread_id, "input": user_input("tell me a long story")},
    }
    with (
        chat.client() as client,
        client.stream("POST", "/chatkit", json=body) as response,
    ):
        for line in response.iter_lines():
            if "assistant_message.content_part.text_delta" in line:
                break

    _, stopped = fake_openai.stream_endings.wait_for(2, timeout=2)
    assert stopped.client_left
    assert stopped.deltas_sent < 100


def test_a_retry_sends_the_shared_context_again_and_keeps_it(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    context = {"active_window": {"title": "budget.ods", "app": "Calc"}, "selection": "Q3 totals"}
    fake_openai.fail(500)
    thread_id, events = create(chat, "sum this", context=context)
    assert stream_errors(events)
    message_id = items(chat, thread_id)[0]["id"]

    retried = chat.stream(
        {
            "type": "threads.retry_after_item",
            "params": {"thread_id": thread_id, "item_id": message_id},
            "metadata": {"context": context},
        }
    )

    assert len(assistant_texts(retried)) == 1
    assert "sum this" in fake_openai.last_model_call().texts("user")
    assert "budget.ods" in fake_openai.last_model_call().all_text
    add(chat, thread_id, "and now?")
    later = fake_openai.last_model_call().all_text
    assert "budget.ods" in later
    assert "Q3 totals" in later
