"""Readable one-line messages from validation problems: ``where: what; where: what``."""

from collections.abc import Sequence

Location = Sequence[str | int]

# Enough to see what is wrong without echoing a whole broken document back.
MAX_REPORTED_PROBLEMS = 5


def format_location(location: Location) -> str:
    """``("params", "input", "content", 0, "text")`` as ``params.input.content[0].text``."""
    formatted = ""
    for part in location:
        if isinstance(part, int):
            formatted += f"[{part}]"
        else:
            formatted += f".{part}" if formatted else part
    return formatted or "request"


def describe_problems(problems: Sequence[tuple[Location, str]]) -> str:
    described = [
        f"{format_location(location)}: {message}"
        for location, message in problems[:MAX_REPORTED_PROBLEMS]
    ]
    if len(problems) > MAX_REPORTED_PROBLEMS:
        described.append(f"and {len(problems) - MAX_REPORTED_PROBLEMS} more")
    return "; ".join(described)
