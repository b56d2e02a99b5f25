"""The fake OpenAI API's routes: every request is recorded, the API key checked when one is
required, and each model call answered with the next scripted behaviour or the default reply."""

import time
from collections.abc import Sequence

from testing.fake_openai.behaviours import Script, TextReply
from testing.fake_openai.chat_completions_wire import ChatCompletionsEncoder
from testing.fake_openai.chatkit_api import CHATKIT_PREFIX, FakeChatKit
from testing.fake_openai.http_server import HttpExchange, HttpRequest
from testing.fake_openai.model_call import perform, send_error, send_json
from testing.fake_openai.openai_errors import ErrorReply, standard_error
from testing.fake_openai.recording import RecordedRequest, RequestLog, recorded_from
from testing.fake_openai.reply_encoder import ReplyEncoder
from testing.fake_openai.responses_wire import ResponsesEncoder
from testing.fake_openai.stream_endings import StreamEndings

DEFAULT_REPLY_PREFIX = "You said: "
MODELS_PATH = "/v1/models"
MODEL_OWNER = "system"


def default_reply(request: RecordedRequest) -> TextReply:
    """Deterministic and derived from the request, so a test sees what the model was sent."""
    return TextReply(DEFAULT_REPLY_PREFIX + request.last_user_text)


class FakeOpenAIApp:
    def __init__(
        self,
        script: Script,
        log: RequestLog,
        models: Sequence[str],
        endings: StreamEndings,
        required_api_key: str | None = None,
    ) -> None:
        self.script = script
        self.log = log
        self.endings = endings
        self.models = list(models)
        self.required_api_key = required_api_key
        self.chatkit = FakeChatKit()

    async def handle(self, request: HttpRequest, exchange: HttpExchange) -> None:
        recorded = recorded_from(request.method, request.path, request.headers, request.body)
        self.log.append(recorded)
        if (refusal := self._authentication_error(recorded)) is not None:
            await send_error(exchange, refusal)
        elif recorded.is_model_call:
            await self._model_call(recorded, exchange)
        elif request.path.startswith(CHATKIT_PREFIX):
            await self.chatkit.handle(request, exchange)
        elif (request.method, request.path) == ("GET", MODELS_PATH):
            await send_json(exchange, 200, self._model_list())
        else:
            message = f"Invalid URL ({request.method} {request.path})"
            await send_error(exchange, standard_error(404, message=message, code=None))

    def _authentication_error(self, request: RecordedRequest) -> ErrorReply | None:
        if self.required_api_key is None or request.api_key == self.required_api_key:
            return None
        if not request.api_key:
            return standard_error(
                401,
                message="You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            )
        shown = f"{request.api_key[:3]}***{request.api_key[-4:]}"
        return standard_error(
            401,
            message=f"Incorrect API key provided: {shown}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
        )

    async def _model_call(self, request: RecordedRequest, exchange: HttpExchange) -> None:
        if not isinstance(request.body, dict):
            error = standard_error(400, message="We could not parse the JSON body of your request.")
            await send_error(exchange, error)
            return
        if (refusal := request.content_error()) is not None:
            await send_error(exchange, refusal)
            return
        behaviour = self.script.take()
        if behaviour is None:
            behaviour = default_reply(request)
        encoder: ReplyEncoder
        if request.api == "responses":
            encoder = ResponsesEncoder(request.body, request.all_text)
        else:
            encoder = ChatCompletionsEncoder(request.body, request.all_text)
        await perform(behaviour, encoder, exchange, request.streamed, self.endings)

    def _model_list(self) -> dict[str, object]:
        created = int(time.time())
        return {
            "object": "list",
            "data": [
                {"id": model, "object": "model", "created": created, "owned_by": MODEL_OWNER}
                for model in self.models
            ],
        }
