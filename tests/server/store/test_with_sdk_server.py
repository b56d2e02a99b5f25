"""The store behind the SDK's own ChatKitServer, called as the SDK calls it (keyword arguments
included), through a whole conversation."""

import json
from collections.abc import AsyncIterator
from datetime import datetime

from chatkit.server import ChatKitServer, NonStreamingResult, StreamingResult
from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    ThreadItemDoneEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    UserMessageItem,
)

from server.store import SQLiteStore
from tests.server.store.builders import ALICE, BOB, User


class EchoServer(ChatKitServer[User]):
    async def respond(
        self, thread: ThreadMetadata, input_user_message: UserMessageItem | None, context: User
    ) -> AsyncIterator[ThreadStreamEvent]:
        assert input_user_message is not None
        said = input_user_message.content[0].text
        thread.title = f"About {said}"
        yield ThreadItemDoneEvent(
            item=AssistantMessageItem(
                id=self.store.generate_item_id("message", thread, context),
                thread_id=thread.id,
                created_at=datetime.now(),
                content=[AssistantMessageContent(text=f"you said {said}")],
            )
        )


def user_input(text: str) -> dict[str, object]:
    return {
        "content": [{"type": "input_text", "text": text}],
        "attachments": [],
        "inference_options": {},
    }


async def stream(server: EchoServer, request: dict[str, object], user: User) -> list[dict]:
    result = await server.process(json.dumps(request), user)
    assert isinstance(result, StreamingResult)
    chunks = [chunk async for chunk in result]
    return [json.loads(chunk.removeprefix(b"data: ")) for chunk in chunks]


async def call(server: EchoServer, request: dict[str, object], user: User) -> dict:
    result = await server.process(json.dumps(request), user)
    assert isinstance(result, NonStreamingResult)
    answer: dict = json.loads(result.json)
    return answer


async def test_a_conversation_through_the_sdk_server(store: SQLiteStore) -> None:
    server = EchoServer(store)

    created = await stream(
        server, {"type": "threads.create", "params": {"input": user_input("hello")}}, ALICE
    )
    thread_id = created[0]["thread"]["id"]
    await stream(
        server,
        {
            "type": "threads.add_user_message",
            "params": {"thread_id": thread_id, "input": user_input("again")},
        },
        ALICE,
    )

    listed = await call(server, {"type": "threads.list", "params": {"limit": 10}}, ALICE)
    full = await call(
        server, {"type": "threads.get_by_id", "params": {"thread_id": thread_id}}, ALICE
    )
    newest = await call(
        server,
        {"type": "items.list", "params": {"thread_id": thread_id, "limit": 2, "order": "desc"}},
        ALICE,
    )
    await call(
        server,
        {"type": "threads.update", "params": {"thread_id": thread_id, "title": "Renamed"}},
        ALICE,
    )
    hits = await store.search("again", ALICE)

    assert thread_id.startswith("thr_")
    assert [t["id"] for t in listed["data"]] == [thread_id]
    assert [item["type"] for item in full["items"]["data"]] == [
        "user_message",
        "assistant_message",
        "user_message",
        "assistant_message",
    ]
    assert [item["content"][0]["text"] for item in newest["data"]] == ["you said again", "again"]
    assert newest["has_more"] is True
    assert (await store.load_thread(thread_id, ALICE)).title == "Renamed"
    assert {hit.thread_id for hit in hits} == {thread_id}
    assert (await call(server, {"type": "threads.list", "params": {}}, BOB))["data"] == []

    await call(server, {"type": "threads.delete", "params": {"thread_id": thread_id}}, ALICE)

    assert (await call(server, {"type": "threads.list", "params": {}}, ALICE))["data"] == []
    assert await store.search("again", ALICE) == []
