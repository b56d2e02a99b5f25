from collections.abc import Iterator

import httpx
import pytest

from tests.server.middleware.guarded_app import TOKEN, StreamGate, build_guarded_app
from tests.server.middleware.live_server import LiveServer, serve_on_loopback


@pytest.fixture(scope="module")
def stream_gate() -> StreamGate:
    return StreamGate()


@pytest.fixture(scope="module")
def guarded_server(stream_gate: StreamGate) -> Iterator[LiveServer]:
    """One server for a whole module, so every test also shows that the bad requests of the
    tests before it left the server serving."""
    with serve_on_loopback(lambda port: build_guarded_app(port, stream_gate)) as server:
        yield server


@pytest.fixture(scope="module")
def module_client(guarded_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=guarded_server.url, timeout=10) as client:
        yield client


@pytest.fixture
def guarded(guarded_server: LiveServer, module_client: httpx.Client) -> Iterator[LiveServer]:
    """The module's server; after the test, a good request must still be answered."""
    yield guarded_server
    response = module_client.get("/api/echo", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text


@pytest.fixture
def client(guarded: LiveServer, module_client: httpx.Client) -> httpx.Client:
    return module_client


@pytest.fixture
def authorized() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
