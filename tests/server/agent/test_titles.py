from datetime import datetime

from chatkit.types import InferenceOptions, UserMessageItem, UserMessageTextContent

from server.agent.titles import TITLE_LIMIT, title_from_message


def message(text: str) -> UserMessageItem:
    return UserMessageItem(
        id="msg_1",
        thread_id="thr_1",
        created_at=datetime.now(),
        content=[UserMessageTextContent(text=text)],
        attachments=[],
        inference_options=InferenceOptions(),
    )


def test_short_first_message_is_the_title() -> None:
    assert title_from_message(message("  What is\n a monad? ")) == "What is a monad?"


def test_long_message_is_cut_at_a_word() -> None:
    title = title_from_message(message("word " * 40))
    assert title is not None
    assert len(title) <= TITLE_LIMIT
    assert title.endswith("word…")


def test_empty_message_gives_no_title() -> None:
    assert title_from_message(message("   ")) is None
