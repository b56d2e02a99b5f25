"""An export as Markdown: a heading per conversation, one per message, and the context shared
with a message beneath it. Produced piece by piece, in the order the entries are read."""

import re
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import datetime

from chatkit.types import (
    AssistantMessageItem,
    EndOfTurnItem,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTagContent,
    UserMessageTextContent,
)

from server.export.attachments import ExportedAttachments
from server.export.entries import Entry, SharedContextEntry
from server.hosted.hosted_marker import hosted_note
from server.store.item_text import visible_text

UNTITLED = "Untitled conversation"
# Characters that would start Markdown syntax inside a line of our own (a heading, a label).
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>#|~!])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_BACKTICK_RUNS = re.compile(r"`+")


def inline(text: str) -> str:
    """Text from elsewhere (a title, a window name) shown as itself on one line."""
    return _INLINE_SYNTAX.sub(r"\\\1", _LINE_BREAKS.sub(" ", text).strip())


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def fenced(text: str) -> str:
    """A code block that no run of backticks in ``text`` can close early."""
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


class MarkdownWriter:
    """Remembers the last user message, whose quoted text a shared selection repeats."""

    def __init__(self) -> None:
        self._last_message: UserMessageItem | None = None

    def thread(self, thread: ThreadMetadata) -> str:
        self._last_message = None
        title = inline(thread.title or "") or UNTITLED
        return (
            f"## {title}\n\nStarted {timestamp(thread.created_at)} · `{thread.id}`"
            f"{hosted_note(thread)}\n\n"
        )

    def entry(self, entry: Entry, attachment_sizes: Mapping[str, int | None] | None = None) -> str:
        """``attachment_sizes``: the bytes of each of a message's attachments, by id, if known."""
        match entry:
            case UserMessageItem():
                self._last_message = entry
                return self._user_message(entry, attachment_sizes or {})
            case AssistantMessageItem():
                text = "".join(part.text for part in entry.content)
                return f"### Assistant · {timestamp(entry.created_at)}\n\n{text}\n\n"
            case SharedContextEntry():
                return self._shared_context(entry)
            case EndOfTurnItem():
                return ""
        text = visible_text(entry)
        if not text:
            return ""
        label = entry.type.replace("_", " ").capitalize()
        return f"### {label} · {timestamp(entry.created_at)}\n\n{text}\n\n"

    def _user_message(
        self, message: UserMessageItem, attachment_sizes: Mapping[str, int | None]
    ) -> str:
        parts = [f"### You · {timestamp(message.created_at)}"]
        if message.quoted_text:
            parts.append(quoted(message.quoted_text))
        text = "".join(
            content.text
            for content in message.content
            if isinstance(content, UserMessageTextContent | UserMessageTagContent)
        )
        if text:
            parts.append(text)
        for attachment in message.attachments:
            size = attachment_sizes.get(attachment.id)
            described = (
                attachment.mime_type if size is None else f"{attachment.mime_type}, {size:,} bytes"
            )
            parts.append(f"Attached: {inline(attachment.name)} ({inline(described)})")
        return "\n\n".join(parts) + "\n\n"

    def _shared_context(self, entry: SharedContextEntry) -> str:
        parts = []
        window = entry.shared.active_window
        if window is not None:
            name = " in ".join(
                f"“{inline(part)}”" if index == 0 else inline(part)
                for index, part in enumerate((window.title, window.app))
                if part
            )
            parts.append(f"*Shared with this message:* the window {name}")
        selection = entry.shared.selection
        message = self._last_message
        already_quoted = (
            message is not None
            and message.id == entry.message_id
            and message.quoted_text == selection
        )
        if selection and not already_quoted:
            parts.append("*Selected text shared with this message:*")
            parts.append(fenced(selection))
        return "\n\n".join(parts) + "\n\n" if parts else ""


async def markdown_export(
    threads: AsyncIterator[ThreadMetadata],
    entries: Callable[[str], AsyncIterator[Entry]],
    exported_at: datetime,
    attachments: ExportedAttachments,
) -> AsyncIterator[str]:
    yield f"# ChatKit Desktop conversations\n\nExported {timestamp(exported_at)}.\n\n"
    writer = MarkdownWriter()
    async for thread in threads:
        yield "---\n\n" + writer.thread(thread)
        async for entry in entries(thread.id):
            sizes: dict[str, int | None] = {}
            if isinstance(entry, UserMessageItem):
                sizes = {item.id: await attachments.size(item) for item in entry.attachments}
            yield writer.entry(entry, sizes)
