import pytest

from common.shared_context import (
    SELECTION_LIMIT,
    TRUNCATION_MARK,
    ActiveWindow,
    SharedContext,
    SharedContextError,
    SharingChoice,
    limited_selection,
    parse_shared_context,
)


def test_every_part_is_optional() -> None:
    assert parse_shared_context(None) is None
    assert parse_shared_context({}) is None
    assert parse_shared_context({"context": {}}) is None
    assert parse_shared_context({"context": {"selection": "x"}}) == SharedContext(selection="x")
    assert parse_shared_context({"context": {"active_window": {"app": "xterm"}}}) == (
        SharedContext(active_window=ActiveWindow(title="", app="xterm"))
    )


def test_a_long_selection_is_capped_and_marked() -> None:
    shared = parse_shared_context({"context": {"selection": "a" * (SELECTION_LIMIT + 5)}})
    assert shared is not None and shared.selection is not None
    assert shared.selection.endswith(TRUNCATION_MARK)
    assert len(shared.selection) == SELECTION_LIMIT + len(TRUNCATION_MARK)


@pytest.mark.parametrize(
    ("context", "field"),
    [
        ("text", "metadata.context"),
        ({"selection": 3}, "metadata.context.selection"),
        ({"active_window": []}, "metadata.context.active_window"),
        ({"active_window": {"title": None}}, "metadata.context.active_window.title"),
        ({"clipboard": "x"}, "unknown fields: clipboard"),
    ],
)
def test_malformed_context_names_the_field(context: object, field: str) -> None:
    with pytest.raises(SharedContextError, match=field):
        parse_shared_context({"context": context})


def test_settings_can_withhold_each_part() -> None:
    shared = SharedContext(active_window=ActiveWindow("t", "a"), selection="s")
    assert shared.shared_under(SharingChoice(active_window=False)) == (
        SharedContext(selection="s"),
        ["active_window"],
    )
    kept, withheld = shared.shared_under(SharingChoice(active_window=False, selection=False))
    assert kept.is_empty()
    assert withheld == ["active_window", "selection"]
    assert shared.shared_under(SharingChoice()) == (shared, [])


def test_the_json_is_what_the_parser_reads_back_without_the_pid() -> None:
    captured = SharedContext(ActiveWindow("Report — Notes", "Notes", 4242), "some text")
    sent = captured.as_json()
    assert sent == {
        "active_window": {"title": "Report — Notes", "app": "Notes"},
        "selection": "some text",
    }
    assert parse_shared_context({"context": sent}) == SharedContext(
        ActiveWindow("Report — Notes", "Notes"), "some text"
    )


def test_absent_parts_are_left_out_of_the_json() -> None:
    assert SharedContext().as_json() == {}
    assert SharedContext(selection="only this").as_json() == {"selection": "only this"}
    window_only = SharedContext(ActiveWindow("Title", "App"))
    assert window_only.as_json() == {"active_window": {"title": "Title", "app": "App"}}


def test_a_selection_at_the_limit_is_kept_whole() -> None:
    assert limited_selection("x" * SELECTION_LIMIT) == "x" * SELECTION_LIMIT


def test_a_longer_selection_is_cut_and_marked() -> None:
    text = "y" * (SELECTION_LIMIT + 1)
    limited = limited_selection(text)
    assert limited == text[:SELECTION_LIMIT] + TRUNCATION_MARK
    assert parse_shared_context({"context": {"selection": limited}}) == SharedContext(
        selection=limited
    )


def test_a_selection_its_reader_cut_short_is_marked() -> None:
    assert limited_selection("the first part", cut=True) == "the first part" + TRUNCATION_MARK


def test_an_empty_selection_is_none() -> None:
    assert limited_selection("") is None
    assert limited_selection(None, cut=True) is None
