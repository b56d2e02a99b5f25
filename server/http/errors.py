"""The one shape every error answer takes, ``{"error": {"message": ...}}``, and the exception
handlers that give every failure of the app that shape.

An unexpected exception is answered with a generic message: its text and traceback can hold
paths, settings or model output, so they go to the log, never to the client.
"""

import logging
from collections.abc import Mapping

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from server.protocol.validation_messages import describe_problems

logger = logging.getLogger(__name__)

INTERNAL_ERROR_MESSAGE = "Internal server error"
ERROR_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


def error_response(
    status_code: int, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    # Set here as well as by the headers middleware: the 500 answer is sent from outside every
    # middleware, by Starlette's outermost error layer. An error is never worth storing.
    return JSONResponse(
        {"error": {"message": message}},
        status_code=status_code,
        headers={**ERROR_HEADERS, **(headers or {})},
    )


async def _request_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = [(problem["loc"], problem["msg"]) for problem in error.errors()]
    return error_response(400, describe_problems(problems))


async def _http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return error_response(error.status_code, str(error.detail), error.headers)


async def _client_disconnected(request: Request, error: Exception) -> Response:
    # The client left while sending its request: nothing went wrong here, and nobody is
    # waiting for this answer.
    logger.debug("client left during %s %s", request.method, request.url.path)
    return error_response(400, "the request body did not arrive")


async def _unexpected_exception(request: Request, error: Exception) -> Response:
    # The path, not the URL: a query string is the client's to keep out of our logs.
    logger.error(
        "unhandled error answering %s %s", request.method, request.url.path, exc_info=error
    )
    # Starlette re-raises the exception to uvicorn after this answer, and uvicorn then drops the
    # connection: without this header, a client reusing it would see a reset.
    return error_response(500, INTERNAL_ERROR_MESSAGE, {"Connection": "close"})


def install_error_handlers(app: FastAPI) -> None:
    """Validation errors become 400s, HTTP exceptions (404 and 405 included) keep their status,
    and anything else is a 500 with a generic message."""
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(ClientDisconnect, _client_disconnected)
    app.add_exception_handler(Exception, _unexpected_exception)
