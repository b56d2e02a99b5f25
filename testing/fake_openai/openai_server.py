"""A stand-in for the OpenAI API, served over real HTTP on 127.0.0.1, because the real API
cannot be reached from the test machines. The real ``openai`` client and the real Agents SDK
talk to it unmodified through ``base_url`` / ``OPENAI_BASE_URL``.

It answers ``POST /v1/responses`` and ``POST /v1/chat/completions`` (streamed or not) and
``GET /v1/models``. Tests script what the next model calls do (``reply``, ``call_tools``,
``cut``, ``fail``, ``hang``); with nothing scripted a call gets the default reply
``You said: <last user text>``.
Every request is kept in ``requests``, and how each streamed answer ended in ``stream_endings``.

Retries: the ``openai`` client retries 408/409/429/5xx, timeouts and dropped connections twice
by default, and every attempt is a call of its own that takes the next scripted behaviour. To
make a failure outlast them, script it with ``times=3`` (a call and two retries), with
``times=None`` (every later call), or give the client ``max_retries=0``.
"""

from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

from server.http.loopback_endpoint import LOOPBACK
from testing.fake_openai.behaviours import (
    Behaviour,
    Hang,
    Script,
    TextReply,
    ToolCall,
    ToolCallReply,
)
from testing.fake_openai.chatkit_api import FakeChatKit
from testing.fake_openai.http_server import BackgroundHttpServer
from testing.fake_openai.openai_app import FakeOpenAIApp
from testing.fake_openai.openai_errors import ErrorReply, standard_error
from testing.fake_openai.recording import RecordedRequest, RequestLog
from testing.fake_openai.stream_endings import StreamEndings

DEFAULT_MODELS = ("gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini")


class FakeServerError(AssertionError):
    """The fake itself failed while answering; a bug in the fake, not in the code under test."""


class FakeOpenAIServer:
    def __init__(
        self, *, api_key: str | None = None, models: Sequence[str] = DEFAULT_MODELS
    ) -> None:
        """``api_key``: when given, any other or missing key is answered 401 invalid_api_key."""
        self.script = Script()
        self.requests = RequestLog()
        self.stream_endings = StreamEndings()
        self._app = FakeOpenAIApp(self.script, self.requests, models, self.stream_endings, api_key)
        self._http = BackgroundHttpServer(self._app.handle)

    @property
    def base_url(self) -> str:
        """What ``AsyncOpenAI(base_url=...)`` and ``OPENAI_BASE_URL`` take."""
        if not self._http.running:
            raise RuntimeError("the fake OpenAI server is not running")
        return f"http://{LOOPBACK}:{self._http.port}/v1"

    def start(self) -> None:
        self._http.start()

    def stop(self) -> None:
        """Prompt even while a call hangs or a stream is open: those connections are cut."""
        self._http.stop()
        if self._http.handler_errors:
            raise FakeServerError(f"the fake OpenAI server failed: {self._http.handler_errors!r}")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def chatkit(self) -> FakeChatKit:
        """The hosted ChatKit API: its workflows, sessions and threads (``chatkit_api.py``)."""
        return self._app.chatkit

    def require_api_key(self, api_key: str | None) -> None:
        """From now on answer 401 unless the call carries ``Authorization: Bearer <api_key>``;
        None accepts any key or none."""
        self._app.required_api_key = api_key

    def enqueue(self, behaviour: Behaviour, times: int | None = 1) -> None:
        """``behaviour`` answers the next ``times`` model calls; None means every later one."""
        self.script.add(behaviour, times)

    def reply(
        self,
        text: str,
        *,
        deltas: int | None = None,
        delta_delay: float = 0.0,
        first_byte_delay: float = 0.0,
        times: int | None = 1,
    ) -> TextReply:
        """Answer with ``text``, streamed in ``deltas`` pieces (None: one per word)."""
        reply = TextReply(
            text, deltas=deltas, delta_delay=delta_delay, first_byte_delay=first_byte_delay
        )
        self.enqueue(reply, times)
        return reply

    def call_tools(self, *calls: ToolCall, times: int | None = 1) -> ToolCallReply:
        """Answer with function calls instead of text. The client runs them and calls again
        with their results (``RecordedRequest.tool_outputs``); script that call's answer next,
        e.g. ``reply(...)``."""
        reply = ToolCallReply(calls)
        self.enqueue(reply, times)
        return reply

    def cut(
        self,
        text: str,
        *,
        after: int,
        deltas: int | None = None,
        delta_delay: float = 0.0,
        times: int | None = 1,
    ) -> TextReply:
        """Stream ``after`` deltas of ``text``, then close the connection with no completion
        event, which the client sees as a body cut short (``openai.APIConnectionError``)."""
        reply = TextReply(text, deltas=deltas, delta_delay=delta_delay, cut_after=after)
        self.enqueue(reply, times)
        return reply

    def fail(self, status: int, *, times: int | None = 1, **overrides: Any) -> ErrorReply:
        """Answer with the real API's error for ``status``; ``overrides`` replace any field of
        ``ErrorReply`` (``message``, ``type``, ``code``, ``param``, ``retry_after``)."""
        error = standard_error(status, **overrides)
        self.enqueue(error, times)
        return error

    def hang(
        self,
        *,
        then: TextReply | ToolCallReply | ErrorReply | None = None,
        times: int | None = 1,
    ) -> Hang:
        """Hold the call unanswered until ``release()`` on the returned handle or ``stop()``;
        after a release, do ``then``, or close the connection when it is None."""
        hang = Hang(then)
        self.enqueue(hang, times)
        return hang

    def last_model_call(self) -> RecordedRequest:
        return self.requests.last_model_call()
