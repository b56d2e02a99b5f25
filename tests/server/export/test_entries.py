"""A thread's items as the history shows them: hidden items give way to the context they hold."""

from datetime import datetime

from chatkit.types import (
    HiddenContextItem,
    InferenceOptions,
    SDKHiddenContextItem,
    UserMessageItem,
    UserMessageTextContent,
)

from common.shared_context import ActiveWindow, SharedContext
from server.agent.shared_context_item import shared_context_item
from server.export.entries import SharedContextEntry, entries_of

AT = datetime(2025, 3, 1, 9, 30)


def test_shared_context_takes_the_place_of_its_hidden_item() -> None:
    message = UserMessageItem(
        id="msg_1",
        thread_id="thr_1",
        created_at=AT,
        content=[UserMessageTextContent(text="hi")],
        inference_options=InferenceOptions(),
    )
    shared = SharedContext(ActiveWindow("Doc", "Writer"), "text")
    hidden = shared_context_item("cx_1", "thr_1", "msg_1", shared)
    other_hidden = HiddenContextItem(id="h_2", thread_id="thr_1", created_at=AT, content="note")
    sdk_hidden = SDKHiddenContextItem(id="h_3", thread_id="thr_1", created_at=AT, content="x")

    entries = list(entries_of([message, hidden, other_hidden, sdk_hidden]))

    assert entries == [
        message,
        SharedContextEntry("cx_1", "msg_1", hidden.created_at, shared),
    ]
