"""Carries out one behaviour for one model call, on either API, streamed or not."""

import asyncio
import json
from typing import Any

from testing.fake_openai.behaviours import Behaviour, Hang, TextReply, ToolCallReply
from testing.fake_openai.http_server import HttpExchange
from testing.fake_openai.openai_errors import ErrorReply
from testing.fake_openai.reply_encoder import ReplyEncoder, new_id
from testing.fake_openai.sse import SSE_HEADERS
from testing.fake_openai.stream_endings import StreamEnding, StreamEndings


def response_headers() -> dict[str, str]:
    """The real API's bookkeeping headers; the openai client exposes x-request-id."""
    return {"x-request-id": new_id("req_"), "openai-version": "2020-10-01"}


async def send_json(exchange: HttpExchange, status: int, body: dict[str, Any]) -> None:
    headers = {**response_headers(), "content-type": "application/json"}
    await exchange.respond(status, headers, json.dumps(body).encode())


async def send_error(exchange: HttpExchange, error: ErrorReply) -> None:
    headers = {**response_headers(), **error.headers(), "content-type": "application/json"}
    await exchange.respond(error.status, headers, json.dumps(error.body()).encode())


async def perform(
    behaviour: Behaviour,
    encoder: ReplyEncoder,
    exchange: HttpExchange,
    streamed: bool,
    endings: StreamEndings,
) -> None:
    if isinstance(behaviour, Hang):
        behaviour.reached.set()
        await behaviour.gate.wait()
        if behaviour.then is None:
            exchange.drop()
        else:
            await perform(behaviour.then, encoder, exchange, streamed, endings)
    elif isinstance(behaviour, ErrorReply):
        await send_error(exchange, behaviour)
    elif isinstance(behaviour, ToolCallReply):
        await _tool_calls(behaviour, encoder, exchange, streamed)
    elif streamed:
        await _stream_text(behaviour, encoder, exchange, endings)
    else:
        await _answer_text(behaviour, encoder, exchange)


async def _stream_text(
    reply: TextReply, encoder: ReplyEncoder, exchange: HttpExchange, endings: StreamEndings
) -> None:
    pieces = reply.pieces()
    sent = pieces if reply.cut_after is None else pieces[: reply.cut_after]
    delivered = 0
    try:
        await asyncio.sleep(reply.first_byte_delay)
        await exchange.start_stream(200, {**response_headers(), **SSE_HEADERS})
        await exchange.write(encoder.opening())
        for piece in sent:
            await exchange.write(encoder.delta(piece))
            delivered += 1
            if reply.delta_delay:
                await asyncio.sleep(reply.delta_delay)
        if reply.cut_after is not None:
            exchange.drop()
        else:
            await exchange.write(encoder.closing(reply.text))
            await exchange.end_stream()
    except ConnectionError:
        endings.append(StreamEnding(delivered, len(pieces), client_left=True))
        raise
    endings.append(StreamEnding(delivered, len(pieces), client_left=False))


async def _answer_text(reply: TextReply, encoder: ReplyEncoder, exchange: HttpExchange) -> None:
    """A slow model is as slow without streaming: the whole wait comes before the answer."""
    await asyncio.sleep(reply.first_byte_delay + reply.delta_delay * len(reply.pieces()))
    if reply.cut_after is not None:
        exchange.drop()
        return
    await send_json(exchange, 200, encoder.whole(reply.text))


async def _tool_calls(
    reply: ToolCallReply, encoder: ReplyEncoder, exchange: HttpExchange, streamed: bool
) -> None:
    if not streamed:
        await send_json(exchange, 200, encoder.tool_call_whole(reply))
        return
    await exchange.start_stream(200, {**response_headers(), **SSE_HEADERS})
    for event in encoder.tool_call_events(reply):
        await exchange.write(event)
    await exchange.end_stream()
