"""The Markdown export: headings per conversation and message, the shared context beneath its
message, and text from elsewhere kept from turning into Markdown syntax."""

from collections.abc import AsyncIterator
from datetime import datetime

from chatkit.types import (
    AssistantMessageContent,
    AssistantMessageItem,
    EndOfTurnItem,
    InferenceOptions,
    ThreadMetadata,
    UserMessageItem,
    UserMessageTextContent,
)

from common.shared_context import ActiveWindow, SharedContext
from server.export.attachments import ExportedAttachments
from server.export.entries import Entry, SharedContextEntry
from server.export.markdown import MarkdownWriter, fenced, inline, markdown_export

AT = datetime(2025, 3, 1, 9, 30)


def message(text: str, quoted: str | None = None, item_id: str = "msg_1") -> UserMessageItem:
    return UserMessageItem(
        id=item_id,
        thread_id="thr_1",
        created_at=AT,
        content=[UserMessageTextContent(text=text)],
        quoted_text=quoted,
        inference_options=InferenceOptions(),
    )


def shared(
    window: ActiveWindow | None, selection: str | None, message_id: str = "msg_1"
) -> SharedContextEntry:
    return SharedContextEntry("cx_1", message_id, AT, SharedContext(window, selection))


def test_a_thread_heading_names_title_start_and_id() -> None:
    writer = MarkdownWriter()

    text = writer.thread(ThreadMetadata(id="thr_1", title="Plans", created_at=AT))

    assert text == "## Plans\n\nStarted 2025-03-01 09:30 · `thr_1`\n\n"


def test_an_untitled_thread_still_has_a_heading() -> None:
    text = MarkdownWriter().thread(ThreadMetadata(id="thr_1", created_at=AT))

    assert text.startswith("## Untitled conversation\n")


def test_messages_are_headed_by_who_wrote_them() -> None:
    writer = MarkdownWriter()
    answer = AssistantMessageItem(
        id="msg_2",
        thread_id="thr_1",
        created_at=AT,
        content=[AssistantMessageContent(text="Use **bold**.")],
    )

    assert writer.entry(message("How?")) == "### You · 2025-03-01 09:30\n\nHow?\n\n"
    assert writer.entry(answer) == "### Assistant · 2025-03-01 09:30\n\nUse **bold**.\n\n"
    assert writer.entry(EndOfTurnItem(id="eot", thread_id="thr_1", created_at=AT)) == ""


def test_a_quoted_selection_is_a_blockquote() -> None:
    text = MarkdownWriter().entry(message("Explain", quoted="line one\n\nline three"))

    assert "> line one\n>\n> line three\n\nExplain" in text


def test_the_shared_window_is_named_and_a_quoted_selection_not_repeated() -> None:
    writer = MarkdownWriter()
    writer.entry(message("Explain", quoted="x = 1"))

    text = writer.entry(shared(ActiveWindow("main.py", "code"), "x = 1"))

    assert text == "*Shared with this message:* the window “main.py” in code\n\n"


def test_a_selection_not_quoted_on_its_message_is_shown_fenced() -> None:
    writer = MarkdownWriter()
    writer.entry(message("Explain", item_id="msg_other"))

    text = writer.entry(shared(None, "print('```')"))

    assert "*Selected text shared with this message:*" in text
    assert "````\nprint('```')\n````" in text


def test_a_window_without_a_title_is_named_by_its_app() -> None:
    text = MarkdownWriter().entry(shared(ActiveWindow("", "Terminal"), None))

    assert text == "*Shared with this message:* the window Terminal\n\n"


def test_text_from_elsewhere_cannot_become_markdown() -> None:
    assert inline("# [link](javascript:x) *bold*\nnext") == (
        "\\# \\[link\\](javascript:x) \\*bold\\* next"
    )


def test_a_fence_is_longer_than_any_backticks_inside() -> None:
    assert fenced("plain") == "```\nplain\n```"
    assert fenced("a ````` b") == "``````\na ````` b\n``````"


async def test_a_whole_export_puts_threads_after_a_title() -> None:
    async def threads() -> AsyncIterator[ThreadMetadata]:
        yield ThreadMetadata(id="thr_1", title="One", created_at=AT)
        yield ThreadMetadata(id="thr_2", title="Two", created_at=AT)

    async def entries(thread_id: str) -> AsyncIterator[Entry]:
        yield message(f"in {thread_id}")

    pieces = [
        piece async for piece in markdown_export(threads(), entries, AT, ExportedAttachments(None))
    ]
    text = "".join(pieces)

    assert text.startswith("# ChatKit Desktop conversations\n\nExported 2025-03-01 09:30.\n\n")
    assert text.index("## One") < text.index("in thr_1") < text.index("## Two")
    assert text.index("## Two") < text.index("in thr_2")
