"""Images and files in a model call's messages, read as either API carries them, and the
content parts each API refuses, refused with a 400 worded as the real API words it."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from testing.fake_openai.openai_errors import ErrorReply

# What each API takes in a message's content list (user and assistant alike).
ACCEPTED_PART_TYPES: dict[str, tuple[str, ...]] = {
    "responses": ("input_text", "input_image", "input_file", "output_text", "refusal"),
    "chat_completions": ("text", "image_url", "input_audio", "file", "refusal"),
}


@dataclass(frozen=True)
class MediaPart:
    kind: Literal["image", "file"]
    role: str
    data: str
    """The image's URL or the file's ``file_data`` (a data: URL) as sent; empty for a file
    given by id."""
    filename: str | None = None


def media_parts(api: str, messages: Any) -> Iterator[MediaPart]:
    for _, role, part in _parts(api, messages):
        kind = part.get("type")
        if kind == "input_image":
            yield MediaPart("image", role, part.get("image_url") or "")
        elif kind == "image_url":
            yield MediaPart("image", role, (part.get("image_url") or {}).get("url", ""))
        elif kind == "input_file":
            yield MediaPart("file", role, part.get("file_data") or "", part.get("filename"))
        elif kind == "file":
            file = part.get("file") or {}
            yield MediaPart("file", role, file.get("file_data") or "", file.get("filename"))


def content_part_error(api: str, messages: Any) -> ErrorReply | None:
    accepted = ACCEPTED_PART_TYPES[api]
    for where, _, part in _parts(api, messages):
        kind = part.get("type")
        if kind not in accepted:
            listed = ", ".join(f"'{name}'" for name in accepted[:-1])
            return ErrorReply(
                400,
                f"Invalid value: '{kind}'. Supported values are: {listed}, and '{accepted[-1]}'.",
                "invalid_request_error",
                "invalid_value",
                f"{where}.type",
            )
        if kind == "input_file" and part.get("file_data") and not part.get("filename"):
            return ErrorReply(
                400,
                f"Missing required parameter: '{where}.filename'.",
                "invalid_request_error",
                "missing_required_parameter",
                f"{where}.filename",
            )
    return None


def _parts(api: str, messages: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Each content part with its place in the request (``input[0].content[1]``) and role."""
    field = "input" if api == "responses" else "messages"
    for index, message in enumerate(messages if isinstance(messages, list) else []):
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, list) or message.get("type", "message") != "message":
            continue
        for position, part in enumerate(content):
            if isinstance(part, dict):
                where = f"{field}[{index}].content[{position}]"
                yield where, message.get("role", ""), part
