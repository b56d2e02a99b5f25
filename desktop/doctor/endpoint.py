"""The model endpoint: reachable, the key accepted (one cheap authenticated call, the list of
models), and the model named in the settings among them where the endpoint lists them."""

import httpx

from desktop.doctor.check import Check, failed, ok, warning
from server.settings.model_choice import ModelChoice

LIMIT_SECONDS = 5.0
CHECK_THE_ENDPOINT = (
    "Check the endpoint in Settings (or OPENAI_BASE_URL) and your network; a local server "
    "such as Ollama must be running."
)


def check_endpoint(choice: ModelChoice) -> list[Check]:
    endpoint = choice.endpoint_name
    headers = {"Authorization": f"Bearer {choice.client_key}"}
    try:
        response = httpx.get(
            endpoint.rstrip("/") + "/models",
            headers=headers,
            timeout=LIMIT_SECONDS,
            follow_redirects=True,
        )
    except httpx.TimeoutException:
        return [
            failed(
                "endpoint",
                f"{endpoint} did not answer within {LIMIT_SECONDS:g} s",
                CHECK_THE_ENDPOINT,
            )
        ]
    except httpx.HTTPError as error:
        return [
            failed("endpoint", f"cannot reach {endpoint}: {_reason(error)}", CHECK_THE_ENDPOINT)
        ]
    if response.status_code in (401, 403):
        return [
            failed(
                "endpoint",
                f"{endpoint} refused the key (HTTP {response.status_code})",
                "Set a valid key: `chatkit-desktop key set`, or Settings. Keys are at "
                "https://platform.openai.com/api-keys.",
            )
        ]
    reached = ok("endpoint", f"{endpoint} answers, and accepts the key")
    if response.status_code != 200:
        return [
            reached,
            _model_unknown(choice, f"listing its models gave HTTP {response.status_code}"),
        ]
    return [reached, _model(choice, response)]


def _model(choice: ModelChoice, response: httpx.Response) -> Check:
    try:
        listed = {entry["id"] for entry in response.json()["data"]}
    except (ValueError, KeyError, TypeError):
        return _model_unknown(choice, "its list of models could not be read")
    if choice.model in listed:
        return ok("model", f"{choice.model} is available")
    return failed(
        "model",
        f"{choice.endpoint_name} has no model {choice.model!r}",
        "Choose one of the endpoint's models in Settings (or CHATKIT_DESKTOP_MODEL).",
    )


def _model_unknown(choice: ModelChoice, why: str) -> Check:
    return warning(
        "model",
        f"{choice.model}: cannot tell whether the endpoint has it ({why})",
        "Send a message: a missing model is reported in the conversation.",
    )


def _reason(error: httpx.HTTPError) -> str:
    # httpx wraps the socket's error; its own text is the useful part ("Connection refused").
    cause = error.__cause__ or error.__context__
    return str(cause or error) or type(error).__name__
