"""Hosted ChatKit items (the ``openai`` client's ``beta.chatkit`` types) as the ChatKit items our
store keeps, so the built-in view, search and export read them like any other. Widgets are left
out: they need the workflow's live data to mean anything."""

import json
from datetime import UTC, datetime
from typing import Any

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    ClientToolCallItem,
    CustomTask,
    InferenceOptions,
    TaskItem,
    ThreadItem,
    UserMessageItem,
    UserMessageTextContent,
    Workflow,
    WorkflowItem,
)


def moment(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def converted_item(hosted: Any) -> ThreadItem | None:
    """The store's item for ``hosted``, or None for a kind that is not kept."""
    base = {"id": hosted.id, "thread_id": hosted.thread_id, "created_at": moment(hosted.created_at)}
    match hosted.type:
        case "chatkit.user_message":
            texts = [part.text for part in hosted.content if part.type == "input_text"]
            quoted = [part.text for part in hosted.content if part.type == "quoted_text"]
            return UserMessageItem(
                **base,
                content=[UserMessageTextContent(text="\n\n".join(texts))],
                quoted_text="\n\n".join(quoted) or None,
                inference_options=InferenceOptions(),
            )
        case "chatkit.assistant_message":
            return AssistantMessageItem(
                **base, content=[AssistantMessageContent(text=part.text) for part in hosted.content]
            )
        case "chatkit.task":
            return TaskItem(**base, task=CustomTask(title=hosted.heading, content=hosted.summary))
        case "chatkit.task_group":
            tasks = [CustomTask(title=task.heading, content=task.summary) for task in hosted.tasks]
            return WorkflowItem(**base, workflow=Workflow(type="custom", tasks=tasks))
        case "chatkit.client_tool_call":
            return ClientToolCallItem(
                **base,
                status="completed" if hosted.status == "completed" else "pending",
                call_id=hosted.call_id,
                name=hosted.name,
                arguments=_arguments(hosted.arguments),
                output=hosted.output,
            )
    return None


def _arguments(encoded: str) -> dict[str, Any]:
    try:
        decoded = json.loads(encoded)
    except ValueError:
        return {"arguments": encoded}
    return decoded if isinstance(decoded, dict) else {"arguments": decoded}
