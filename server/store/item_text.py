"""The text a person sees of an item: what search looks through and quotes from."""

from collections.abc import Iterator
from typing import Any

from chatkit.types import (
    AssistantMessageItem,
    CustomSummary,
    CustomTask,
    FileTask,
    ImageTask,
    SearchTask,
    StructuredInputItem,
    StructuredInputMultipleChoice,
    Task,
    TaskItem,
    ThoughtTask,
    ThreadItem,
    UserMessageItem,
    UserMessageTagContent,
    UserMessageTextContent,
    WidgetItem,
    WorkflowItem,
)

from common.answer_insertion import ANSWER_ACTIONS_WIDGET
from server.store.highlight import HIGHLIGHT_END, HIGHLIGHT_START

# Widget components and the field of each that is shown as text.
_WIDGET_TEXT_FIELDS = {
    "Text": "value",
    "Title": "value",
    "Caption": "value",
    "Markdown": "value",
    "Label": "value",
    "Badge": "label",
    "Button": "label",
    "Checkbox": "label",
}
# Search snippets mark matches with these; text that held them itself would fake a match.
_WITHOUT_MARKS = str.maketrans({HIGHLIGHT_START: " ", HIGHLIGHT_END: " "})


def visible_text(item: ThreadItem) -> str:
    """Hidden context, tool calls, images and end-of-turn markers show no text: empty."""
    parts = [part for part in _visible_parts(item) if part]
    return "\n".join(parts).translate(_WITHOUT_MARKS)


def _visible_parts(item: ThreadItem) -> Iterator[str | None]:
    match item:
        case UserMessageItem():
            if item.quoted_text:
                yield item.quoted_text
            for content in item.content:
                if isinstance(content, UserMessageTextContent | UserMessageTagContent):
                    yield content.text
            for attachment in item.attachments:
                yield attachment.name
        case AssistantMessageItem():
            for part in item.content:
                yield part.text
        case WidgetItem() if getattr(item.widget, "id", None) == ANSWER_ACTIONS_WIDGET:
            # The Copy and Insert buttons: not words of the conversation, to find or export.
            return
        case WidgetItem():
            yield from _widget_text(item.widget.model_dump(by_alias=True, exclude_none=True))
        case StructuredInputItem():
            for question in item.inputs:
                yield question.question
                if isinstance(question, StructuredInputMultipleChoice):
                    yield from (option.value for option in question.options)
                elif question.description:
                    yield question.description
                if question.answer:
                    yield from question.answer.values
        case WorkflowItem():
            if isinstance(item.workflow.summary, CustomSummary):
                yield item.workflow.summary.title
            for task in item.workflow.tasks:
                yield from _task_text(task)
        case TaskItem():
            yield from _task_text(item.task)


def _task_text(task: Task) -> Iterator[str | None]:
    match task:
        case CustomTask() | ThoughtTask():
            yield task.title
            yield task.content
        case SearchTask():
            yield task.title or task.title_query
            yield from (source.title for source in task.sources)
        case FileTask():
            yield task.title
            yield from (source.title for source in task.sources)
        case ImageTask():
            yield task.title


def _widget_text(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        kind = node.get("type")
        field = _WIDGET_TEXT_FIELDS.get(kind) if isinstance(kind, str) else None
        if field and isinstance(node.get(field), str):
            yield node[field]
        for value in node.values():
            yield from _widget_text(value)
    elif isinstance(node, list):
        for value in node:
            yield from _widget_text(value)
