"""The names an OpenAI-compatible endpoint lists at ``GET {base_url}/models`` (Ollama, LM
Studio, vLLM and OpenAI itself all answer it), for the composer's model picker."""

import httpx

LIMIT_SECONDS = 5.0


class ModelListingFailed(Exception):
    """The endpoint did not list its models; the message says why, without the key."""


async def list_endpoint_models(base_url: str, api_key: str | None) -> list[str]:
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        async with httpx.AsyncClient(timeout=LIMIT_SECONDS, follow_redirects=True) as client:
            response = await client.get(base_url.rstrip("/") + "/models", headers=headers)
    except httpx.HTTPError as error:
        raise ModelListingFailed(f"the endpoint did not answer ({type(error).__name__})") from None
    if response.status_code != 200:
        raise ModelListingFailed(f"listing its models gave HTTP {response.status_code}")
    try:
        entries = response.json()["data"]
        names = [entry["id"] for entry in entries]
    except (ValueError, KeyError, TypeError):
        raise ModelListingFailed("its list of models could not be read") from None
    return [name for name in names if isinstance(name, str) and name.strip()]
