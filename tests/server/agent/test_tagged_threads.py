"""A conversation tagged with @ reaches the model: its title, thread id and newest messages,
bounded; through the real server and protocol."""

from typing import Any

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.agent.test_chatkit_server import add, create
from tests.server.running_server import RunningServer, assistant_texts


def tagged_input(text: str, thread_id: str, title: str) -> dict[str, Any]:
    return {
        "content": [
            {"type": "input_text", "text": text},
            {
                "type": "input_tag",
                "id": thread_id,
                "text": title,
                "data": {"thread_id": thread_id},
                "interactive": True,
            },
        ],
        "attachments": [],
        "inference_options": {},
    }


def test_a_tagged_conversation_gives_the_model_its_title_and_newest_messages(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    tagged, _ = create(chat, "Plan the garden: tomatoes and basil")
    add(chat, tagged, "Add a lemon tree")

    events = chat.stream(
        {
            "type": "threads.create",
            "params": {"input": tagged_input("Summarise ", tagged, "Plan the garden")},
        }
    )

    assert assistant_texts(events)
    seen = fake_openai.last_model_call().all_text
    assert "@Plan the garden" in seen
    assert f"thread id {tagged}" in seen
    assert "“Plan the garden: tomatoes and basil”" in seen
    assert "User: Plan the garden: tomatoes and basil" in seen
    assert "Assistant: You said: Add a lemon tree" in seen
    assert seen.index("User: Add a lemon tree") < seen.index("Assistant: You said: Add a lemon")


def test_a_long_tagged_conversation_is_cut_to_its_newest_messages(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    tagged, _ = create(chat, "message number 0")
    for number in range(1, 8):
        add(chat, tagged, f"message number {number} " + "x" * 400)

    chat.stream(
        {"type": "threads.create", "params": {"input": tagged_input("See ", tagged, "Long")}}
    )

    call = fake_openai.last_model_call()
    context = next(text for text in call.texts("user") if "The user tagged" in text)
    assert "Its newest 10 messages" in context
    assert "message number 7" in context
    assert "User: message number 0" not in context
    assert len(context) < 4600


def test_a_tag_naming_a_deleted_conversation_says_so(
    chat: RunningServer, fake_openai: FakeOpenAIServer
) -> None:
    events = chat.stream(
        {
            "type": "threads.create",
            "params": {"input": tagged_input("What about ", "thr_gone", "Old plans")},
        }
    )

    assert assistant_texts(events)
    assert "“Old plans” (thread id thr_gone), which is no longer saved" in (
        fake_openai.last_model_call().all_text
    )
