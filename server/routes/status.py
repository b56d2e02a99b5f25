"""``GET /api/status``: what the page needs to choose its first screen and to describe the key:
where the API key comes from, which endpoint answers and from where that is set, and whether
the endpoint can answer. Never the key.

It answers at once, whatever the keyring does: the keyring is read on a thread of its own
(``server/settings/stored_key.py``) and the answer says ``reading`` or ``waiting`` until that
read is done. ``?wait_for_keyring=S`` waits up to S seconds (at most 10) for it first.
"""

import asyncio
import os
import time
from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices
from server.settings.model_choice import BASE_URL_ENV, MODEL_ENV, choose_model
from server.settings.settings_file import Settings
from server.settings.stored_key import KeyView

router = APIRouter(prefix="/api")

LONGEST_KEYRING_WAIT_SECONDS = 10.0
KEYRING_POLL_SECONDS = 0.01


def describe_status(settings: Settings, key: KeyView) -> dict[str, Any]:
    # The choice is made without the key: only whether there is one matters here.
    choice = choose_model(settings, lambda: None)
    has_key = key.source in ("environment", "keyring")
    from_environment = bool(os.environ.get(BASE_URL_ENV))
    return {
        "key": key.as_json(),
        "endpoint": {
            "base_url": choice.base_url,
            "url": choice.endpoint_name,
            "source": "environment"
            if from_environment
            else "setting"
            if settings.base_url
            else "default",
            "base_url_from_environment": from_environment,
            "is_openai": choice.is_openai,
            "api": choice.api,
            "model": choice.model,
            "model_from_environment": bool(os.environ.get(MODEL_ENV)),
        },
        # OpenAI's endpoint needs a key; another server is trusted to need none.
        "model_ready": has_key or not choice.is_openai,
        # While the keyring is being read nobody knows yet; the page waits for the answer.
        "first_run": key.source == "none" and choice.base_url is None,
    }


async def current_status(app: AppServices, wait_for_keyring: float = 0.0) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    base_url = os.environ.get(BASE_URL_ENV) or settings.base_url
    key = app.api_key.stored.view(base_url)
    # Polled on the loop rather than waited for on a thread: a quit need not wait for it.
    deadline = time.monotonic() + wait_for_keyring
    while key.pending and time.monotonic() < deadline:
        await asyncio.sleep(KEYRING_POLL_SECONDS)
        key = app.api_key.stored.view(base_url)
    return describe_status(settings, key)


@router.get("/status")
async def read_status(
    app: AppServices,
    wait_for_keyring: Annotated[float, Query(ge=0, le=LONGEST_KEYRING_WAIT_SECONDS)] = 0.0,
) -> dict[str, Any]:
    return await current_status(app, wait_for_keyring)
