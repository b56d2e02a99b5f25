"""The fake's hosted ChatKit, through the real ``openai`` client: sessions (the beta header,
the user, the workflow), and the threads and their items in the client's own types."""

import httpx
import openai
import pytest
from openai import AsyncOpenAI

from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.fake_openai import FAKE_API_KEY

WORKFLOW = "wf_68df4b13a2c08190b0e1bb12e5d0a1c5"


async def test_a_session_for_a_known_workflow_carries_a_client_secret(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    fake_openai.chatkit.add_workflow(WORKFLOW)

    session = await client.beta.chatkit.sessions.create(
        user="user_1", workflow={"id": WORKFLOW, "version": "3", "state_variables": {"a": "b"}}
    )

    assert session.client_secret.startswith("ek_")
    assert session.user == "user_1"
    assert session.workflow.id == WORKFLOW
    assert session.workflow.version == "3"
    assert session.workflow.state_variables == {"a": "b"}
    assert session.status == "active"
    assert fake_openai.chatkit.sessions[0]["user"] == "user_1"


async def test_an_unknown_workflow_is_the_apis_404(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        await client.beta.chatkit.sessions.create(user="u", workflow={"id": "wf_nothing"})
    assert "wf_nothing" in raised.value.message


async def test_sessions_need_the_beta_header_and_a_user(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.chatkit.add_workflow(WORKFLOW)
    url = f"{fake_openai.base_url}/chatkit/sessions"
    headers = {"Authorization": f"Bearer {FAKE_API_KEY}"}
    async with httpx.AsyncClient() as http:
        without_header = await http.post(url, headers=headers, json={"user": "u", "workflow": {}})
        without_user = await http.post(
            url,
            headers={**headers, "OpenAI-Beta": "chatkit_beta=v1"},
            json={"workflow": {"id": WORKFLOW}},
        )
    assert without_header.status_code == 400
    assert "OpenAI-Beta" in without_header.json()["error"]["message"]
    assert without_user.status_code == 400
    assert without_user.json()["error"]["param"] == "user"


async def test_a_wrong_key_is_refused(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.require_api_key(FAKE_API_KEY)
    fake_openai.chatkit.add_workflow(WORKFLOW)
    async with AsyncOpenAI(base_url=fake_openai.base_url, api_key="sk-wrong", max_retries=0) as c:
        with pytest.raises(openai.AuthenticationError):
            await c.beta.chatkit.sessions.create(user="u", workflow={"id": WORKFLOW})


async def test_threads_and_items_page_in_the_clients_types(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    hosted = fake_openai.chatkit
    mine = [hosted.add_thread("me", title=f"thread {n}") for n in range(3)]
    hosted.add_thread("someone else")
    first = hosted.add_message(mine[0], "user", "hello")
    hosted.add_message(mine[0], "assistant", "hi there")
    hosted.add_message(mine[0], "user", "again")

    listed = [t async for t in client.beta.chatkit.threads.list(user="me", limit=2, order="asc")]
    thread = await client.beta.chatkit.threads.retrieve(mine[1])
    items = [i async for i in client.beta.chatkit.threads.list_items(mine[0], order="asc")]
    later = [
        i async for i in client.beta.chatkit.threads.list_items(mine[0], order="asc", after=first)
    ]

    assert [t.id for t in listed] == mine
    assert thread.title == "thread 1" and thread.status.type == "active" and thread.user == "me"
    assert [i.type for i in items] == [
        "chatkit.user_message",
        "chatkit.assistant_message",
        "chatkit.user_message",
    ]
    assert items[1].content[0].text == "hi there"
    assert [i.id for i in later] == [i.id for i in items[1:]]
    # Two pages of two and one, each a request of its own with its cursor.
    pages = hosted.calls_to("/chatkit/threads")
    assert [call.query.get("after") for call in pages] == [None, mine[1]]


async def test_an_unknown_thread_is_a_404(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    with pytest.raises(openai.NotFoundError):
        await client.beta.chatkit.threads.retrieve("cthr_missing")


async def test_an_unreadable_item_reaches_the_client_as_it_is(
    fake_openai: FakeOpenAIServer, client: AsyncOpenAI
) -> None:
    hosted = fake_openai.chatkit
    thread_id = hosted.add_thread("me")
    item_id = hosted.add_unreadable_item(thread_id, "a quote")

    items = [i async for i in client.beta.chatkit.threads.list_items(thread_id)]

    assert [i.id for i in items] == [item_id]
    assert [(part.type, part.text) for part in items[0].content] == [
        ("input_text", None),
        ("quoted_text", "a quote"),
    ]
