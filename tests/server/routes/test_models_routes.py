"""``GET /api/models``: what the composer's model picker offers, the default first."""

from common.paths import data_dir
from server.settings.settings_file import SettingsFile
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.server.running_server import RunningServer, running_server


def offered(server: RunningServer) -> list[str]:
    with server.client() as client:
        response = client.get("/api/models")
    assert response.status_code == 200, response.text
    models = response.json()["models"]
    assert [model["default"] for model in models] == [True] + [False] * (len(models) - 1)
    assert all(model["label"] == model["id"] for model in models)
    return [model["id"] for model in models]


def model_listings(fake: FakeOpenAIServer) -> int:
    return sum(request.path == "/v1/models" for request in fake.requests.all())


def test_the_models_need_the_token() -> None:
    with (
        running_server(data_dir()) as server,
        server.client(headers={"Authorization": ""}) as client,
    ):
        assert client.get("/api/models").status_code == 401


def test_openais_endpoint_offers_the_model_and_a_few_of_openais() -> None:
    SettingsFile(data_dir()).update({"model": "gpt-4.1"})
    with running_server(data_dir()) as server:
        assert offered(server) == ["gpt-4.1", "gpt-4.1-mini", "gpt-4o-mini", "o4-mini"]


def test_a_compatible_endpoint_offers_what_it_lists_asked_once(
    fake_openai: FakeOpenAIServer,
) -> None:
    SettingsFile(data_dir()).update({"base_url": fake_openai.base_url, "model": "llama3.2"})
    with running_server(data_dir()) as server:
        assert offered(server) == ["llama3.2", "gpt-4.1", "gpt-4.1-mini", "gpt-4o-mini"]
        assert offered(server) == ["llama3.2", "gpt-4.1", "gpt-4.1-mini", "gpt-4o-mini"]
    assert model_listings(fake_openai) == 1


def test_the_models_setting_is_offered_as_written(fake_openai: FakeOpenAIServer) -> None:
    SettingsFile(data_dir()).update(
        {"base_url": fake_openai.base_url, "models": ["qwen2.5", "gpt-4.1-mini", "mistral"]}
    )
    with running_server(data_dir()) as server:
        assert offered(server) == ["gpt-4.1-mini", "qwen2.5", "mistral"]
    assert model_listings(fake_openai) == 0


def test_an_endpoint_that_cannot_list_offers_the_model_alone() -> None:
    # Nothing listens on port 9 of this machine (discard), so the listing fails at once.
    SettingsFile(data_dir()).update({"base_url": "http://127.0.0.1:9/v1", "model": "phi4"})
    with running_server(data_dir()) as server:
        assert offered(server) == ["phi4"]
