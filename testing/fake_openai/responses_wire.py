"""A reply encoded as the Responses API sends it: the full ``Response`` object, or the
stream of named events from ``response.created`` to ``response.completed``. A text reply is
one message item; a tool call reply is one ``function_call`` item per call, its arguments
streamed as ``response.function_call_arguments.delta`` events."""

import itertools
import time
from collections.abc import Iterator
from typing import Any

from testing.fake_openai.behaviours import ToolCall, ToolCallReply
from testing.fake_openai.reply_encoder import DEFAULT_MODEL, estimate_tokens, new_id
from testing.fake_openai.sse import sse_event

# Deltas belong to the only output item and its only content part.
OUTPUT_INDEX = 0
CONTENT_INDEX = 0


class ResponsesEncoder:
    def __init__(self, request: dict[str, Any], input_text: str) -> None:
        self._request = request
        self._input_tokens = estimate_tokens(input_text)
        self._response_id = new_id("resp_")
        self._message_id = new_id("msg_")
        self._created_at = int(time.time())
        self._sequence = itertools.count()
        self._function_call_item_ids: list[str] | None = None

    def opening(self) -> bytes:
        in_progress = self._response("in_progress", output=[], usage=None)
        return b"".join(
            (
                self._event("response.created", response=in_progress),
                self._event("response.in_progress", response=in_progress),
                self._event(
                    "response.output_item.added",
                    output_index=OUTPUT_INDEX,
                    item=self._message("in_progress", content=[]),
                ),
                self._event(
                    "response.content_part.added",
                    item_id=self._message_id,
                    output_index=OUTPUT_INDEX,
                    content_index=CONTENT_INDEX,
                    part=_text_part(""),
                ),
            )
        )

    def delta(self, piece: str) -> bytes:
        return self._event(
            "response.output_text.delta",
            item_id=self._message_id,
            output_index=OUTPUT_INDEX,
            content_index=CONTENT_INDEX,
            delta=piece,
            logprobs=[],
        )

    def closing(self, text: str) -> bytes:
        message = self._message("completed", content=[_text_part(text)])
        return b"".join(
            (
                self._event(
                    "response.output_text.done",
                    item_id=self._message_id,
                    output_index=OUTPUT_INDEX,
                    content_index=CONTENT_INDEX,
                    text=text,
                    logprobs=[],
                ),
                self._event(
                    "response.content_part.done",
                    item_id=self._message_id,
                    output_index=OUTPUT_INDEX,
                    content_index=CONTENT_INDEX,
                    part=_text_part(text),
                ),
                self._event("response.output_item.done", output_index=OUTPUT_INDEX, item=message),
                self._event("response.completed", response=self.whole(text)),
            )
        )

    def whole(self, text: str) -> dict[str, Any]:
        message = self._message("completed", content=[_text_part(text)])
        return self._response("completed", output=[message], usage=self._usage(text))

    def tool_call_events(self, reply: ToolCallReply) -> Iterator[bytes]:
        in_progress = self._response("in_progress", output=[], usage=None)
        yield self._event("response.created", response=in_progress)
        yield self._event("response.in_progress", response=in_progress)
        for index, (item_id, call) in enumerate(self._function_call_ids(reply)):
            yield self._event(
                "response.output_item.added",
                output_index=index,
                item=_function_call(item_id, call, "in_progress", arguments=""),
            )
            for piece in reply.argument_pieces(call):
                yield self._event(
                    "response.function_call_arguments.delta",
                    item_id=item_id,
                    output_index=index,
                    delta=piece,
                )
            yield self._event(
                "response.function_call_arguments.done",
                item_id=item_id,
                output_index=index,
                arguments=call.arguments,
            )
            yield self._event(
                "response.output_item.done",
                output_index=index,
                item=_function_call(item_id, call, "completed", call.arguments),
            )
        yield self._event("response.completed", response=self.tool_call_whole(reply))

    def tool_call_whole(self, reply: ToolCallReply) -> dict[str, Any]:
        output = [
            _function_call(item_id, call, "completed", call.arguments)
            for item_id, call in self._function_call_ids(reply)
        ]
        arguments = "".join(call.arguments for call in reply.calls)
        return self._response("completed", output=output, usage=self._usage(arguments))

    def _function_call_ids(self, reply: ToolCallReply) -> list[tuple[str, ToolCall]]:
        """The same item id for a call in every event and in the completed response."""
        if self._function_call_item_ids is None:
            self._function_call_item_ids = [new_id("fc_") for _ in reply.calls]
        return list(zip(self._function_call_item_ids, reply.calls, strict=True))

    def _event(self, kind: str, **fields: Any) -> bytes:
        return sse_event(
            {"type": kind, "sequence_number": next(self._sequence), **fields}, event=kind
        )

    def _message(self, status: str, content: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "id": self._message_id,
            "type": "message",
            "status": status,
            "role": "assistant",
            "content": content,
        }

    def _usage(self, text: str) -> dict[str, Any]:
        output_tokens = estimate_tokens(text)
        return {
            "input_tokens": self._input_tokens,
            "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": output_tokens,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": self._input_tokens + output_tokens,
        }

    def _response(
        self, status: str, output: list[dict[str, Any]], usage: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The request's settings echoed back, as the real API does."""
        request = self._request
        return {
            "id": self._response_id,
            "object": "response",
            "created_at": self._created_at,
            "status": status,
            "completed_at": int(time.time()) if status == "completed" else None,
            "background": False,
            "error": None,
            "incomplete_details": None,
            "instructions": request.get("instructions"),
            "max_output_tokens": request.get("max_output_tokens"),
            "max_tool_calls": request.get("max_tool_calls"),
            "model": request.get("model") or DEFAULT_MODEL,
            "output": output,
            "parallel_tool_calls": request.get("parallel_tool_calls", True),
            "previous_response_id": request.get("previous_response_id"),
            "prompt_cache_key": request.get("prompt_cache_key"),
            "reasoning": request.get("reasoning") or {"effort": None, "summary": None},
            "safety_identifier": request.get("safety_identifier"),
            "service_tier": "default",
            "store": request.get("store", True),
            "temperature": request.get("temperature", 1.0),
            "text": request.get("text") or {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": request.get("tool_choice", "auto"),
            "tools": request.get("tools", []),
            "top_logprobs": request.get("top_logprobs", 0),
            "top_p": request.get("top_p", 1.0),
            "truncation": request.get("truncation", "disabled"),
            "usage": usage,
            "user": request.get("user"),
            "metadata": request.get("metadata") or {},
        }


def _text_part(text: str) -> dict[str, Any]:
    return {"type": "output_text", "annotations": [], "logprobs": [], "text": text}


def _function_call(item_id: str, call: ToolCall, status: str, arguments: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": "function_call",
        "status": status,
        "call_id": call.call_id,
        "name": call.name,
        "arguments": arguments,
    }
