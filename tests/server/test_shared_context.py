import pytest

from server.shared_context import (
    SELECTION_LIMIT,
    TRUNCATION_MARK,
    ActiveWindow,
    SharedContext,
    SharedContextError,
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
    assert shared.without(active_window=False, selection=True) == SharedContext(selection="s")
    assert shared.without(active_window=False, selection=False).is_empty()
