"""Every tool call made visible while it runs and recorded in the thread, and every failed call
turned into an error the model reads and a line the user sees.

One ``ToolActivity`` serves one run: it is the run's hooks (``Runner.run_streamed(hooks=…)``)
and its tool error formatter (``RunConfig.tool_error_formatter``, with
``tool_not_found_behavior="return_error_to_model"``; ``run_config_options`` gives both).

- When the model's answer asks for calls, each gets a task in a workflow item (ChatKit shows it
  collapsed once the answer goes on), with the call's arguments; when a call starts, the page
  gets a ``ProgressUpdateEvent`` ("Searching your conversations for “budget”…"); when it ends
  its task is marked done, or failed.
  ``stream_agent_response`` saves the workflow item when the next visible item starts.
- The Agents SDK turns a function tool's exception, and arguments that are not JSON (a
  ``ModelBehaviorError`` raised inside the tool), into the tool's result through the default
  ``failure_error_function``, then asks the formatter for the model's wording. A call of a tool
  the agent does not have would abort the run (``ModelBehaviorError``); with
  ``return_error_to_model`` it comes here as ``tool_not_found`` too.
- A tool that shows the user something of its own (a widget) hands it over with
  ``show_widget_after``: it is streamed after the call's task is done, so the task's record is
  complete when the widget, a visible item, closes the workflow.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agents import Agent, ModelBehaviorError, ModelResponse, RunContextWrapper, RunHooks, Tool
from agents.run_config import ToolErrorFormatterArgs
from agents.tool_context import ToolContext
from chatkit.agents import AgentContext
from chatkit.icons import IconName
from chatkit.types import (
    CustomSummary,
    CustomTask,
    ProgressUpdateEvent,
    ThreadItemAddedEvent,
    ThreadItemReplacedEvent,
    Workflow,
    WorkflowItem,
)
from chatkit.widgets import WidgetRoot
from openai.types.responses import ResponseFunctionToolCall

from server.agent.tools.call_descriptions import (
    CallDescription,
    Describer,
    generic_description,
    parsed_arguments,
    recorded_arguments,
)

logger = logging.getLogger(__name__)

# What a failure says, to the model and to the user; the rest of a long message is cut.
MAX_REASON_CHARS = 300
INVALID_JSON_REASON = "its arguments were not valid JSON"


@dataclass
class _Call:
    description: CallDescription
    workflow: WorkflowItem
    position: int
    """The task's index in the workflow; tasks are only ever appended."""


@dataclass
class _Widget:
    widget: WidgetRoot
    copy_text: str | None


@dataclass
class ToolActivity(RunHooks[AgentContext[Any]]):
    describers: dict[str, Describer] = field(default_factory=dict)
    """A tool's own wording, by tool name; other tools get ``generic_description``."""
    known_tools: set[str] = field(default_factory=set)
    """The names of the tools the agent has, for a model that asks for another."""
    servers: dict[str, str] = field(default_factory=dict)
    """The MCP server a tool comes from, by tool name, for the generic wording."""
    _calls: dict[str, _Call] = field(default_factory=dict)
    _failures: dict[str, str] = field(default_factory=dict)
    _widgets: dict[str, _Widget] = field(default_factory=dict)
    _unknown_calls: set[str] = field(default_factory=set)

    def run_config_options(self) -> dict[str, Any]:
        """What ``RunConfig`` needs for failed calls to reach the model as tool errors."""
        return {
            "tool_error_formatter": self.format_tool_error,
            "tool_not_found_behavior": "return_error_to_model",
        }

    def show_widget_after(
        self, call_id: str, widget: WidgetRoot, copy_text: str | None = None
    ) -> None:
        """Streams ``widget`` into the conversation once the call ``call_id`` has ended."""
        self._widgets[call_id] = _Widget(widget, copy_text)

    def note_failure(self, call_id: str, reason: str) -> None:
        """Marks the call as failed in its record, for a failure the SDK does not report to
        ``format_tool_error`` (an MCP tool that ran out of time)."""
        self._failures[call_id] = reason

    def describe(self, tool_name: str, arguments: str) -> CallDescription:
        describer = self.describers.get(tool_name)
        if describer is not None:
            return describer(parsed_arguments(arguments))
        return generic_description(tool_name, arguments, self.servers.get(tool_name))

    async def on_llm_end(
        self,
        context: RunContextWrapper[AgentContext[Any]],
        agent: Agent[Any],
        response: ModelResponse,
    ) -> None:
        """Records every call of the model's answer at once, before any of them runs: the SDK
        runs them side by side, and a workflow item streamed with one task and grown while the
        page has yet to read it would show the later tasks twice."""
        calls = [item for item in response.output if isinstance(item, ResponseFunctionToolCall)]
        available = self.known_tools | set(self.servers) | {tool.name for tool in agent.tools}
        chat = context.context
        entries: list[tuple[str, CallDescription, CustomTask]] = []
        for call in calls:
            if call.name in available:
                description = self.describe(call.name, call.arguments)
                task = _running_task(description, call.arguments)
            elif agent.mcp_servers:
                # Maybe one of an MCP server's tools, not registered here: recorded when it
                # starts, or by ``format_tool_error`` if there is no such tool.
                continue
            else:
                description = _unknown_tool_description(call.name)
                task = CustomTask(
                    title=description.done, icon=FAILED_ICON, status_indicator="complete"
                )
                self._unknown_calls.add(call.call_id)
            entries.append((call.call_id, description, task))
        if not entries:
            return
        workflow = chat.workflow_item
        if workflow is None:
            workflow = WorkflowItem(
                id=chat.generate_id("workflow"),
                created_at=datetime.now(),
                workflow=Workflow(type="custom", tasks=[task for _, _, task in entries]),
                thread_id=chat.thread.id,
            )
            chat.workflow_item = workflow
            first = 0
            _summarise(workflow)
            await chat.stream(ThreadItemAddedEvent(item=workflow))
        else:
            # Added long ago (before this model call): growing it is safe.
            first = len(workflow.workflow.tasks)
            for _, _, task in entries:
                await chat.add_workflow_task(task)
            _summarise(workflow)
        for offset, (call_id, description, _) in enumerate(entries):
            self._calls[call_id] = _Call(description, workflow, first + offset)

    async def on_tool_start(
        self, context: RunContextWrapper[AgentContext[Any]], agent: Agent[Any], tool: Tool
    ) -> None:
        if not isinstance(context, ToolContext):
            return
        chat = context.context
        call = self._calls.get(context.tool_call_id)
        description = (
            call.description
            if call is not None
            else self.describe(context.tool_name, context.tool_arguments)
        )
        await chat.stream(ProgressUpdateEvent(icon=description.icon, text=description.running))
        if call is not None:
            return
        # A call the model's answer did not show (a tool that calls tools): recorded now.
        await chat.add_workflow_task(_running_task(description, context.tool_arguments))
        workflow = chat.workflow_item
        assert workflow is not None, "add_workflow_task always leaves a workflow item"
        self._calls[context.tool_call_id] = _Call(
            description, workflow, len(workflow.workflow.tasks) - 1
        )
        _summarise(workflow)

    async def on_tool_end(
        self,
        context: RunContextWrapper[AgentContext[Any]],
        agent: Agent[Any],
        tool: Tool,
        result: object,
    ) -> None:
        if not isinstance(context, ToolContext):
            return
        failure = self._failures.pop(context.tool_call_id, None)
        await self._finish(
            context.context, context.tool_call_id, None if failure is None else f"failed: {failure}"
        )
        widget = self._widgets.pop(context.tool_call_id, None)
        if widget is not None:
            await context.context.stream_widget(widget.widget, widget.copy_text)

    async def format_tool_error(self, error: ToolErrorFormatterArgs[Any]) -> str | None:
        """The model's wording for a failed call; the user's line is recorded on the way."""
        if error.kind == "tool_not_found":
            return await self._unknown_tool(error)
        if error.kind == "tool_exception":
            reason = failure_reason(error.error)
            logger.warning("tool %s failed: %s", error.tool_name, reason)
            self._failures[error.call_id] = reason
            return (
                f"Error: the tool {error.tool_name} failed: {reason}. Tell the user it did not "
                "work, and answer as well as you can without it, or call it again with "
                "corrected arguments."
            )
        return None

    async def _unknown_tool(self, error: ToolErrorFormatterArgs[Any]) -> str:
        chat: AgentContext[Any] = error.run_context.context
        line = _unknown_tool_description(error.tool_name).done
        await chat.stream(ProgressUpdateEvent(icon=FAILED_ICON, text=line))
        if error.call_id not in self._unknown_calls:
            await chat.add_workflow_task(
                CustomTask(title=line, icon=FAILED_ICON, status_indicator="complete")
            )
            if chat.workflow_item is not None:
                _summarise(chat.workflow_item)
        known = ", ".join(sorted(self.known_tools)) or "none"
        return (
            f"Error: there is no tool named {error.tool_name}. The tools you have: {known}. "
            "Answer without it."
        )

    async def _finish(self, chat: AgentContext[Any], call_id: str, outcome: str | None) -> None:
        """Marks the call's task done; ``outcome`` says why it did not run as asked."""
        call = self._calls.pop(call_id, None)
        if call is None:
            return
        title = call.description.done if outcome is None else f"{call.description.done} — {outcome}"
        finished = CustomTask(
            title=title,
            icon=call.description.icon if outcome is None else FAILED_ICON,
            content=call.workflow.workflow.tasks[call.position].content,
            status_indicator="complete",
        )
        await self._replace_task(chat, call, finished)

    async def _replace_task(self, chat: AgentContext[Any], call: _Call, task: CustomTask) -> None:
        if chat.workflow_item is not None and chat.workflow_item.id == call.workflow.id:
            await chat.update_workflow_task(task, call.position)
            _summarise(chat.workflow_item)
            return
        # The workflow was closed while the call ran (something visible came in between):
        # the saved item is brought up to date.
        call.workflow.workflow.tasks[call.position] = task
        _summarise(call.workflow)
        await chat.stream(ThreadItemReplacedEvent(item=call.workflow))


FAILED_ICON: IconName = "bug"


def _running_task(description: CallDescription, arguments: str) -> CustomTask:
    return CustomTask(
        title=description.running,
        icon=description.icon,
        content=recorded_arguments(arguments) or None,
        status_indicator="loading",
    )


def _unknown_tool_description(name: str) -> CallDescription:
    line = f"The model asked for a tool that is not available: {name}"
    return CallDescription(running=line, done=line, icon=FAILED_ICON)


def failure_reason(error: Exception | None) -> str:
    if isinstance(error, ModelBehaviorError) and "JSON" in str(error):
        return INVALID_JSON_REASON
    if error is None:
        return "it failed"
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= MAX_REASON_CHARS else text[: MAX_REASON_CHARS - 1] + "…"


def _summarise(workflow: WorkflowItem) -> None:
    """The collapsed record's one line: the call itself when there was one, else a count."""
    tasks = [task for task in workflow.workflow.tasks if isinstance(task, CustomTask)]
    failed = sum(task.icon == FAILED_ICON for task in tasks)
    if len(tasks) == 1 and tasks[0].title:
        title = tasks[0].title
    else:
        title = f"Used {len(tasks)} tools" + (f", {failed} failed" if failed else "")
    workflow.workflow.summary = CustomSummary(title=title, icon=FAILED_ICON if failed else None)
