"""Every failure the app can have, answered over a real socket in our one JSON shape."""

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Annotated

import httpx
import pytest
from fastapi import FastAPI, HTTPException, Query, Request
from pydantic import BaseModel

from server.http.errors import INTERNAL_ERROR_MESSAGE, error_response, install_error_handlers
from tests.server.middleware.live_server import serve_on_loopback

FAILURE_TEXT = "database password is hunter2"


class Note(BaseModel):
    title: str
    pages: int


def build_app(port: int) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/items")
    async def items(limit: Annotated[int, Query(ge=1)]) -> dict[str, int]:
        return {"limit": limit}

    @app.post("/notes")
    async def notes(note: Note) -> dict[str, str]:
        return {"title": note.title}

    @app.get("/teapot")
    async def teapot() -> None:
        raise HTTPException(status_code=418, detail="I am a teapot", headers={"X-Brew": "tea"})

    @app.get("/fail")
    async def fail() -> None:
        raise RuntimeError(FAILURE_TEXT)

    install_error_handlers(app)
    return app


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with serve_on_loopback(build_app) as server, httpx.Client(base_url=server.url) as client:
        yield client


def error_message(response: httpx.Response) -> str:
    body = response.json()
    assert list(body) == ["error"]
    assert list(body["error"]) == ["message"]
    message: str = body["error"]["message"]
    assert message
    return message


def test_an_error_response_is_our_json_shape() -> None:
    response = error_response(409, "Already there", {"X-Extra": "1"})

    assert response.status_code == 409
    assert json.loads(response.body) == {"error": {"message": "Already there"}}
    assert response.headers["X-Extra"] == "1"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_an_unknown_route_is_a_404(client: httpx.Client) -> None:
    response = client.get("/nowhere")

    assert response.status_code == 404
    assert error_message(response) == "Not Found"


def test_a_wrong_method_is_a_405_that_says_which_are_allowed(client: httpx.Client) -> None:
    response = client.delete("/items")

    assert response.status_code == 405
    assert error_message(response) == "Method Not Allowed"
    assert response.headers["Allow"] == "GET"


def test_an_http_exception_keeps_its_status_detail_and_headers(client: httpx.Client) -> None:
    response = client.get("/teapot")

    assert response.status_code == 418
    assert error_message(response) == "I am a teapot"
    assert response.headers["X-Brew"] == "tea"


def test_a_bad_query_parameter_is_a_400_naming_it(client: httpx.Client) -> None:
    response = client.get("/items", params={"limit": "many"})

    assert response.status_code == 400
    assert error_message(response).startswith("query.limit: Input should be a valid integer")


def test_a_missing_query_parameter_is_a_400_naming_it(client: httpx.Client) -> None:
    response = client.get("/items")

    assert response.status_code == 400
    assert error_message(response) == "query.limit: Field required"


def test_a_body_missing_fields_is_a_400_naming_each(client: httpx.Client) -> None:
    response = client.post("/notes", json={"pages": "several"})

    assert response.status_code == 400
    message = error_message(response)
    assert "body.title: Field required" in message
    assert "body.pages: Input should be a valid integer" in message


def test_a_body_that_is_not_json_is_a_400(client: httpx.Client) -> None:
    response = client.post(
        "/notes", content=b"{not json", headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert error_message(response).startswith("body[1]: JSON decode error")


def test_an_exception_in_a_route_is_a_500_that_tells_nothing_but_is_logged(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="server.http.errors")

    response = client.get("/fail")

    assert response.status_code == 500
    assert error_message(response) == INTERNAL_ERROR_MESSAGE
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # uvicorn drops the connection after an unhandled exception: the client must not reuse it.
    assert response.headers["Connection"] == "close"
    logged = [record for record in caplog.records if record.name == "server.http.errors"]
    assert len(logged) == 1
    assert logged[0].getMessage() == "unhandled error answering GET /fail"
    assert logged[0].exc_info is not None
    assert str(logged[0].exc_info[1]) == FAILURE_TEXT


def test_the_server_keeps_serving_after_a_500(client: httpx.Client) -> None:
    assert client.get("/fail").status_code == 500

    response = client.get("/items", params={"limit": 3})

    assert response.status_code == 200
    assert response.json() == {"limit": 3}


def test_a_client_leaving_mid_body_is_not_logged_as_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/upload")
    async def upload(request: Request) -> dict[str, int]:
        return {"size": len(await request.body())}

    async def receive() -> dict[str, object]:
        return {"type": "http.disconnect"}

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/upload",
        "headers": [],
        "query_string": b"",
        "asgi": {"version": "3.0"},
    }
    with caplog.at_level(logging.ERROR):
        asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 400
    assert not caplog.records
