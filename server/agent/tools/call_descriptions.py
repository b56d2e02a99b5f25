"""What the user reads about a tool call: a line while it runs and a title for its record."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from chatkit.icons import IconName

# A call's arguments are shown in one short line; the record keeps them in full.
SHORT_ARGUMENTS_CHARS = 60
RECORDED_ARGUMENTS_CHARS = 2000


@dataclass(frozen=True)
class CallDescription:
    running: str
    """Shown while the call runs, e.g. "Searching your conversations for “budget”…"."""
    done: str
    """The title of the call's record once it has finished."""
    icon: IconName = "bolt"


# A tool's own wording, from the arguments the model gave (an empty dict when they were not
# a JSON object).
Describer = Callable[[Mapping[str, Any]], CallDescription]


def parsed_arguments(arguments: str) -> dict[str, Any]:
    """The model's arguments as a dict; anything but a JSON object gives an empty one."""
    try:
        parsed = json.loads(arguments) if arguments else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def generic_description(
    tool_name: str, arguments: str, server: str | None = None
) -> CallDescription:
    """``<server>: <tool> <short arguments>`` for a tool without wording of its own."""
    label = f"{server}: {tool_name}" if server else tool_name
    shown = short_arguments(arguments)
    line = f"{label} {shown}" if shown else label
    return CallDescription(running=f"{line}…", done=line)


def short_arguments(arguments: str) -> str:
    """The values of the arguments, space-separated and cut to one short line: a path or a
    query reads better than its JSON. Arguments that are not a JSON object are shown as
    written."""
    parsed = parsed_arguments(arguments)
    if parsed:
        text = " ".join(_value_text(value) for value in parsed.values())
    else:
        text = arguments.strip() if arguments.strip() not in ("", "{}") else ""
    text = " ".join(text.split())
    if len(text) > SHORT_ARGUMENTS_CHARS:
        return text[: SHORT_ARGUMENTS_CHARS - 1] + "…"
    return text


def recorded_arguments(arguments: str) -> str:
    """The arguments as the record keeps them: ``name: value`` lines, or the raw text when
    they were not a JSON object."""
    parsed = parsed_arguments(arguments)
    text = "\n".join(f"{name}: {_value_text(value)}" for name, value in parsed.items())
    text = text or arguments.strip()
    if len(text) > RECORDED_ARGUMENTS_CHARS:
        return text[: RECORDED_ARGUMENTS_CHARS - 1] + "…"
    return text


def _value_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
