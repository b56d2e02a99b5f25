"""How tool calls are shown and recorded, in a real Agents SDK run on the fake OpenAI API,
streamed into ChatKit events by the SDK's ``stream_agent_response`` over a real store."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from agents import Agent, OpenAIResponsesModel, Runner, function_tool, set_tracing_disabled
from chatkit.agents import AgentContext, stream_agent_response
from chatkit.types import (
    ProgressUpdateEvent,
    ThreadItemAddedEvent,
    ThreadItemDoneEvent,
    ThreadItemUpdatedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    WorkflowItem,
)
from openai import AsyncOpenAI

from server.agent.tools.toolbox import Toolbox
from server.store import SQLiteStore
from server.store.request_context import RequestContext
from testing.fake_openai.behaviours import ToolCall
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.fixtures.fake_openai import FAKE_API_KEY

USER = RequestContext(user_id="local")


@pytest.fixture(autouse=True)
def no_tracing() -> None:
    set_tracing_disabled(True)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    opened = SQLiteStore(tmp_path / "chatkit.db")
    yield opened
    opened.close()


@pytest.fixture
async def client(fake_openai: FakeOpenAIServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(
        base_url=fake_openai.base_url, api_key=FAKE_API_KEY, max_retries=0
    ) as openai_client:
        yield openai_client


async def run(
    toolbox: Toolbox, store: SQLiteStore, client: AsyncOpenAI
) -> tuple[list[ThreadStreamEvent], Any]:
    thread = ThreadMetadata(id="thr_tools", created_at="2026-12-01T10:00:00")
    await store.save_thread(thread, USER)
    agent = Agent[AgentContext[RequestContext]](
        name="Assistant",
        instructions="Answer.",
        model=OpenAIResponsesModel("gpt-4.1-mini", openai_client=client),
        tools=toolbox.tools,
    )
    context = AgentContext[RequestContext](thread=thread, store=store, request_context=USER)
    result = Runner.run_streamed(
        agent, "Go", context=context, hooks=toolbox.activity, run_config=toolbox.run_config()
    )
    # Copied as they come, as the server writes each to the page when it comes.
    events = [event.model_copy(deep=True) async for event in stream_agent_response(context, result)]
    return events, result


def done_workflows(events: list[ThreadStreamEvent]) -> list[WorkflowItem]:
    return [
        event.item
        for event in events
        if isinstance(event, ThreadItemDoneEvent) and isinstance(event.item, WorkflowItem)
    ]


async def test_a_tool_that_raises_is_an_error_for_the_model_and_a_line_for_the_user(
    fake_openai: FakeOpenAIServer, store: SQLiteStore, client: AsyncOpenAI
) -> None:
    @function_tool
    def read_file(path: str) -> str:
        """Reads a file."""
        raise PermissionError(f"permission denied: {path}")

    toolbox = Toolbox()
    toolbox.add(read_file, server="files")
    fake_openai.call_tools(ToolCall("read_file", '{"path": "notes/todo.md"}', call_id="call_r"))
    fake_openai.reply("I could not read it.")

    events, result = await run(toolbox, store, client)

    assert result.final_output == "I could not read it."
    told = fake_openai.last_model_call().tool_output("call_r")
    assert told.startswith("Error: the tool read_file failed: permission denied: notes/todo.md")
    progress = [event.text for event in events if isinstance(event, ProgressUpdateEvent)]
    assert progress == ["files: read_file notes/todo.md…"]
    (workflow,) = done_workflows(events)
    (task,) = workflow.workflow.tasks
    assert task.title == "files: read_file notes/todo.md — failed: permission denied: notes/todo.md"
    assert task.content == "path: notes/todo.md"
    assert task.status_indicator == "complete"
    assert workflow.workflow.summary is not None
    assert workflow.workflow.summary.title == task.title  # type: ignore[union-attr]


async def test_calls_in_one_turn_share_one_record_with_a_count(
    fake_openai: FakeOpenAIServer, store: SQLiteStore, client: AsyncOpenAI
) -> None:
    @function_tool
    def add(a: int, b: int) -> int:
        """Adds two numbers."""
        return a + b

    toolbox = Toolbox()
    toolbox.add(add)
    fake_openai.call_tools(
        ToolCall("add", '{"a": 1, "b": 2}', call_id="call_1"),
        ToolCall("add", '{"a": 3, "b": 4}', call_id="call_2"),
    )
    fake_openai.reply("3 and 7.")

    events, _ = await run(toolbox, store, client)

    answered = fake_openai.last_model_call()
    assert (answered.tool_output("call_1"), answered.tool_output("call_2")) == ("3", "7")
    (added,) = [
        event.item
        for event in events
        if isinstance(event, ThreadItemAddedEvent) and isinstance(event.item, WorkflowItem)
    ]
    assert [task.title for task in added.workflow.tasks] == ["add 1 2…", "add 3 4…"]  # type: ignore[union-attr]
    updates = [event.update.type for event in events if isinstance(event, ThreadItemUpdatedEvent)]
    assert "workflow.task.added" not in updates
    assert updates.count("workflow.task.updated") == 2
    (workflow,) = done_workflows(events)
    assert [task.title for task in workflow.workflow.tasks] == ["add 1 2", "add 3 4"]  # type: ignore[union-attr]
    assert workflow.workflow.summary.title == "Used 2 tools"  # type: ignore[union-attr]
