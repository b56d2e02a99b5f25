"""How a call reads for a tool without wording of its own: "<server>: <tool> <arguments>"."""

from server.agent.tools.call_descriptions import (
    generic_description,
    recorded_arguments,
    short_arguments,
)


def test_a_call_reads_as_server_tool_and_argument_values() -> None:
    described = generic_description("read_file", '{"path": "notes/todo.md"}', "files")
    assert described.running == "files: read_file notes/todo.md…"
    assert described.done == "files: read_file notes/todo.md"


def test_a_call_without_arguments_or_server_is_its_name() -> None:
    assert generic_description("now", "{}").done == "now"


def test_long_arguments_are_cut_to_one_short_line() -> None:
    shown = short_arguments('{"text": "' + "word " * 40 + '"}')
    assert len(shown) == 60
    assert shown.endswith("…")


def test_arguments_that_are_not_a_json_object_are_shown_as_written() -> None:
    assert short_arguments("{not json") == "{not json"
    assert recorded_arguments('["a", "b"]') == '["a", "b"]'


def test_the_record_keeps_each_argument_by_name() -> None:
    assert recorded_arguments('{"query": "budget", "limit": 3}') == "query: budget\nlimit: 3"
