"""Every request the fake receives, kept for the test to inspect, with what a model call
carried rendered as plain text for either API: its messages, the tools it offered the model
and the results of earlier tool calls it sent back."""

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from testing.fake_openai.content_parts import MediaPart, content_part_error, media_parts
from testing.fake_openai.openai_errors import ErrorReply

Api = Literal["responses", "chat_completions"]
MODEL_CALL_PATHS: dict[str, Api] = {
    "/v1/responses": "responses",
    "/v1/chat/completions": "chat_completions",
}
INSTRUCTION_ROLES = ("system", "developer")
TEXT_PART_TYPES = ("input_text", "output_text", "text", "refusal")


@dataclass(frozen=True)
class Message:
    role: str
    """As sent (``user``, ``assistant``, ``system``, ``developer``, ``tool``), or
    ``function_call`` / ``function_call_output`` for tool traffic."""
    text: str


@dataclass(frozen=True)
class ToolOutput:
    """A tool's result as the client sent it back: a ``function_call_output`` item on the
    Responses API, a ``role: "tool"`` message on Chat Completions."""

    call_id: str
    output: str


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    """The parsed JSON body; None when there was none or it was not JSON."""

    @property
    def api(self) -> Api | None:
        return MODEL_CALL_PATHS.get(self.path) if self.method == "POST" else None

    @property
    def is_model_call(self) -> bool:
        return self.api is not None

    @property
    def api_key(self) -> str | None:
        scheme, _, token = self.headers.get("authorization", "").partition(" ")
        return token if scheme.lower() == "bearer" else None

    @property
    def streamed(self) -> bool:
        return isinstance(self.body, dict) and self.body.get("stream") is True

    @property
    def messages(self) -> list[Message]:
        """The conversation in order, instructions given as system/developer messages
        included; the Responses API's top-level ``instructions`` field is not a message."""
        if not isinstance(self.body, dict):
            return []
        if self.api == "responses":
            return list(_responses_messages(self.body.get("input")))
        if self.api == "chat_completions":
            return list(_chat_messages(self.body.get("messages")))
        return []

    @property
    def instructions(self) -> str:
        """Everything the model was told as instructions, on either API."""
        parts = [message.text for message in self.messages if message.role in INSTRUCTION_ROLES]
        if isinstance(self.body, dict) and isinstance(self.body.get("instructions"), str):
            parts.insert(0, self.body["instructions"])
        return "\n".join(parts)

    @property
    def media(self) -> list[MediaPart]:
        """The images and files the messages carried, in order, on either API."""
        if self.api is None or not isinstance(self.body, dict):
            return []
        return list(media_parts(self.api, self._message_list()))

    def images(self, role: str = "user") -> list[MediaPart]:
        return [part for part in self.media if part.kind == "image" and part.role == role]

    def files(self, role: str = "user") -> list[MediaPart]:
        return [part for part in self.media if part.kind == "file" and part.role == role]

    def content_error(self) -> ErrorReply | None:
        """The 400 the real API gives a content part it does not take, if any."""
        if self.api is None or not isinstance(self.body, dict):
            return None
        return content_part_error(self.api, self._message_list())

    @property
    def tools(self) -> list[dict[str, Any]]:
        """The ``tools`` the request offered the model, as sent."""
        if not isinstance(self.body, dict) or not isinstance(self.body.get("tools"), list):
            return []
        return [tool for tool in self.body["tools"] if isinstance(tool, dict)]

    @property
    def tool_names(self) -> list[str]:
        """The names of the function tools offered, on either API."""
        names = []
        for tool in self.tools:
            # Chat Completions nests the function; the Responses API flattens it.
            function = tool.get("function") if self.api == "chat_completions" else tool
            if isinstance(function, dict) and isinstance(function.get("name"), str):
                names.append(function["name"])
        return names

    def tool(self, name: str) -> dict[str, Any]:
        """The offered function tool called ``name`` (its ``parameters`` schema and all), in
        the Responses API's flat shape on either API."""
        for tool in self.tools:
            function = tool.get("function") if self.api == "chat_completions" else tool
            if isinstance(function, dict) and function.get("name") == name:
                return function
        raise AssertionError(f"no tool {name!r} offered; offered: {self.tool_names}")

    @property
    def tool_outputs(self) -> list[ToolOutput]:
        """The results of earlier tool calls this request carried, in order."""
        if self.api is None or not isinstance(self.body, dict):
            return []
        return list(_tool_outputs(self.api, self._message_list()))

    def tool_output(self, call_id: str) -> str:
        for result in self.tool_outputs:
            if result.call_id == call_id:
                return result.output
        raise AssertionError(f"no output for tool call {call_id!r} in {self.tool_outputs}")

    def _message_list(self) -> Any:
        assert isinstance(self.body, dict)
        return self.body.get("input" if self.api == "responses" else "messages")

    def texts(self, role: str) -> list[str]:
        return [message.text for message in self.messages if message.role == role]

    @property
    def last_user_text(self) -> str:
        users = self.texts("user")
        return users[-1] if users else ""

    @property
    def all_text(self) -> str:
        """Instructions and every message, one per line: for "the model saw X" checks."""
        conversation = [m.text for m in self.messages if m.role not in INSTRUCTION_ROLES]
        return "\n".join([self.instructions, *conversation] if self.instructions else conversation)


def _responses_messages(items: Any) -> Iterator[Message]:
    if isinstance(items, str):
        yield Message("user", items)
        return
    for item in items if isinstance(items, list) else []:
        kind = item.get("type", "message")
        if kind == "message":
            yield Message(item.get("role", ""), _content_text(item.get("content")))
        elif kind == "function_call":
            yield Message("function_call", f"{item.get('name')}({item.get('arguments', '')})")
        elif kind == "function_call_output":
            yield Message("function_call_output", _content_text(item.get("output")))


def _chat_messages(messages: Any) -> Iterator[Message]:
    for message in messages if isinstance(messages, list) else []:
        role = message.get("role", "")
        if message.get("content") is not None or role != "assistant":
            yield Message(role, _content_text(message.get("content")))
        for call in message.get("tool_calls") or []:
            function = call.get("function", {})
            yield Message("function_call", f"{function.get('name')}({function.get('arguments')})")


def _tool_outputs(api: Api, items: Any) -> Iterator[ToolOutput]:
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        if api == "responses" and item.get("type") == "function_call_output":
            yield ToolOutput(str(item.get("call_id")), _content_text(item.get("output")))
        elif api == "chat_completions" and item.get("role") == "tool":
            yield ToolOutput(str(item.get("tool_call_id")), _content_text(item.get("content")))


def _content_text(content: Any) -> str:
    """A string as it is; a list of parts as its text parts joined. Images and files,
    which carry no text, are left out."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    return "".join(
        part.get("text", "") or part.get("refusal", "")
        for part in content
        if isinstance(part, dict) and part.get("type") in TEXT_PART_TYPES
    )


def recorded_from(method: str, path: str, headers: dict[str, str], body: bytes) -> RecordedRequest:
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        parsed = None
    return RecordedRequest(method, path, headers, parsed)


class RequestLog:
    """Thread-safe: the server's thread appends while the test reads or waits."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._requests: list[RecordedRequest] = []

    def append(self, request: RecordedRequest) -> None:
        with self._changed:
            self._requests.append(request)
            self._changed.notify_all()

    def all(self) -> list[RecordedRequest]:
        with self._changed:
            return list(self._requests)

    def model_calls(self) -> list[RecordedRequest]:
        return [request for request in self.all() if request.is_model_call]

    def last_model_call(self) -> RecordedRequest:
        calls = self.model_calls()
        if not calls:
            raise AssertionError("the fake OpenAI server has received no model call")
        return calls[-1]

    def wait_for_model_calls(self, count: int, timeout: float = 10.0) -> list[RecordedRequest]:
        """Blocks until at least ``count`` model calls have arrived; for requests made from
        another thread or process."""
        with self._changed:
            arrived = self._changed.wait_for(
                lambda: sum(request.is_model_call for request in self._requests) >= count,
                timeout,
            )
        if not arrived:
            raise AssertionError(f"fewer than {count} model calls within {timeout} s")
        return self.model_calls()

    def clear(self) -> None:
        with self._changed:
            self._requests.clear()

    def __len__(self) -> int:
        with self._changed:
            return len(self._requests)
