"""A reply encoded as Chat Completions sends it: a ``chat.completion`` object, or
``chat.completion.chunk`` objects (the role first, then the content, then the finish reason,
then usage when ``stream_options.include_usage`` asks for it) ending with ``data: [DONE]``.
A tool call reply streams ``delta.tool_calls`` instead of content: each call's id and name
first, then its arguments in pieces, all by the call's index, and finishes with
``tool_calls``."""

import time
from collections.abc import Iterator
from typing import Any

from testing.fake_openai.behaviours import ToolCallReply
from testing.fake_openai.reply_encoder import DEFAULT_MODEL, estimate_tokens, new_id
from testing.fake_openai.sse import DONE, sse_event

SYSTEM_FINGERPRINT = "fp_fake0penai"
FINISHED = "stop"
FINISHED_WITH_TOOL_CALLS = "tool_calls"


class ChatCompletionsEncoder:
    def __init__(self, request: dict[str, Any], input_text: str) -> None:
        self._model = request.get("model") or DEFAULT_MODEL
        stream_options = request.get("stream_options") or {}
        self._include_usage = stream_options.get("include_usage") is True
        self._prompt_tokens = estimate_tokens(input_text)
        self._id = new_id("chatcmpl-")
        self._created = int(time.time())

    def opening(self) -> bytes:
        return self._chunk({"role": "assistant", "content": "", "refusal": None})

    def delta(self, piece: str) -> bytes:
        return self._chunk({"content": piece})

    def closing(self, text: str) -> bytes:
        finish = self._chunk({}, finish_reason=FINISHED)
        if not self._include_usage:
            return finish + DONE
        usage = {**self._header("chat.completion.chunk"), "choices": [], **self._usage(text)}
        return finish + sse_event(usage) + DONE

    def whole(self, text: str) -> dict[str, Any]:
        message = {"role": "assistant", "content": text, "refusal": None, "annotations": []}
        choice = {"index": 0, "message": message, "logprobs": None, "finish_reason": FINISHED}
        return {**self._header("chat.completion"), "choices": [choice], **self._usage(text)}

    def tool_call_events(self, reply: ToolCallReply) -> Iterator[bytes]:
        for index, call in enumerate(reply.calls):
            opening = {
                "index": index,
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": ""},
            }
            if index == 0:
                yield self._chunk(
                    {"role": "assistant", "content": None, "tool_calls": [opening], "refusal": None}
                )
            else:
                yield self._chunk({"tool_calls": [opening]})
            for piece in reply.argument_pieces(call):
                yield self._chunk(
                    {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}
                )
        arguments = "".join(call.arguments for call in reply.calls)
        yield self._chunk({}, finish_reason=FINISHED_WITH_TOOL_CALLS)
        if self._include_usage:
            usage = {
                **self._header("chat.completion.chunk"),
                "choices": [],
                **self._usage(arguments),
            }
            yield sse_event(usage)
        yield DONE

    def tool_call_whole(self, reply: ToolCallReply) -> dict[str, Any]:
        tool_calls = [
            {
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in reply.calls
        ]
        message = {
            "role": "assistant",
            "content": None,
            "refusal": None,
            "annotations": [],
            "tool_calls": tool_calls,
        }
        choice = {
            "index": 0,
            "message": message,
            "logprobs": None,
            "finish_reason": FINISHED_WITH_TOOL_CALLS,
        }
        arguments = "".join(call.arguments for call in reply.calls)
        return {**self._header("chat.completion"), "choices": [choice], **self._usage(arguments)}

    def _chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        chunk = {**self._header("chat.completion.chunk"), "choices": [choice]}
        if self._include_usage:
            # With include_usage the real API sends an explicit null on every other chunk.
            chunk["usage"] = None
        return sse_event(chunk)

    def _header(self, kind: str) -> dict[str, Any]:
        return {
            "id": self._id,
            "object": kind,
            "created": self._created,
            "model": self._model,
            "service_tier": "default",
            "system_fingerprint": SYSTEM_FINGERPRINT,
        }

    def _usage(self, text: str) -> dict[str, Any]:
        completion_tokens = estimate_tokens(text)
        return {
            "usage": {
                "prompt_tokens": self._prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": self._prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {
                    "reasoning_tokens": 0,
                    "audio_tokens": 0,
                    "accepted_prediction_tokens": 0,
                    "rejected_prediction_tokens": 0,
                },
            }
        }
