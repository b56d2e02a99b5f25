"""ChatKit's ``threads.list`` through the real server, after real answers from the agent (to the
fake OpenAI API): the conversation answered last is on top, each with its ``updated_at``."""

from datetime import datetime
from typing import Any

from tests.server.running_server import RunningServer, assistant_texts, user_input


def create(chat: RunningServer, text: str) -> str:
    events = chat.stream({"type": "threads.create", "params": {"input": user_input(text)}})
    assert assistant_texts(events) == [f"You said: {text}"]
    thread_id: str = events[0]["thread"]["id"]
    return thread_id


def threads_list(chat: RunningServer, **params: Any) -> dict[str, Any]:
    return chat.request({"type": "threads.list", "params": params})


def every_page(chat: RunningServer, order: str) -> list[str]:
    ids: list[str] = []
    page = threads_list(chat, limit=1, order=order)
    ids += [thread["id"] for thread in page["data"]]
    while page["has_more"]:
        page = threads_list(chat, limit=1, order=order, after=page["after"])
        ids += [thread["id"] for thread in page["data"]]
    return ids


def test_the_thread_answered_last_lists_first_with_its_updated_time(chat: RunningServer) -> None:
    first, second, third = (create(chat, f"question {n}") for n in (1, 2, 3))
    before_answer = {t["id"]: t for t in threads_list(chat, order="desc")["data"]}

    events = chat.stream(
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": first, "input": user_input("back to the first")},
        }
    )
    assert assistant_texts(events) == ["You said: back to the first"]

    listed = threads_list(chat, order="desc")["data"]
    assert [t["id"] for t in listed] == [first, third, second]
    assert list(before_answer) == [third, second, first]
    updated = {t["id"]: datetime.fromisoformat(t["metadata"]["updated_at"]) for t in listed}
    assert updated[first] > updated[third] > updated[second]
    assert updated[first] > datetime.fromisoformat(before_answer[first]["metadata"]["updated_at"])
    assert all(t["metadata"]["updated_at"].endswith("Z") for t in listed)
    assert every_page(chat, "desc") == [first, third, second]
    assert every_page(chat, "asc") == [second, third, first]
