from desktop.context.captured import (
    SELECTION_LIMIT,
    ActiveWindowInfo,
    CapturedContext,
    limited_selection,
)
from server.shared_context import TRUNCATION_MARK, ActiveWindow, SharedContext, parse_shared_context


def test_the_metadata_is_what_the_server_parses_without_the_pid() -> None:
    captured = CapturedContext(ActiveWindowInfo("Report — Notes", "Notes", 4242), "some text")
    metadata = captured.as_metadata()
    assert metadata == {
        "active_window": {"title": "Report — Notes", "app": "Notes"},
        "selection": "some text",
    }
    assert parse_shared_context({"context": metadata}) == SharedContext(
        ActiveWindow("Report — Notes", "Notes"), "some text"
    )


def test_absent_parts_are_left_out() -> None:
    assert CapturedContext().as_metadata() == {}
    assert CapturedContext(selection="only this").as_metadata() == {"selection": "only this"}
    window_only = CapturedContext(ActiveWindowInfo("Title", "App", None))
    assert window_only.as_metadata() == {"active_window": {"title": "Title", "app": "App"}}


def test_a_selection_at_the_limit_is_kept_whole() -> None:
    assert limited_selection("x" * SELECTION_LIMIT) == ("x" * SELECTION_LIMIT, False)


def test_a_longer_selection_is_cut_and_marked_as_the_server_would() -> None:
    text = "y" * (SELECTION_LIMIT + 1)
    limited, truncated = limited_selection(text)
    assert truncated
    assert limited == text[:SELECTION_LIMIT] + TRUNCATION_MARK
    assert parse_shared_context({"context": {"selection": limited}}) == SharedContext(
        selection=limited
    )


def test_a_selection_the_reader_cut_short_is_marked() -> None:
    assert limited_selection("the first part", cut=True) == (
        "the first part" + TRUNCATION_MARK,
        True,
    )


def test_an_empty_selection_is_none() -> None:
    assert limited_selection("") == (None, False)
    assert limited_selection(None, cut=True) == (None, False)
