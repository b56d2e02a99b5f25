"""``GET /api/status``: what the page needs to choose its first screen and to describe the key:
where the API key comes from and whether the model endpoint can answer. Never the key."""

import os
from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from common.api_key import KeyStatus, key_status
from server.http.services import AppServices
from server.settings.model_choice import BASE_URL_ENV, MODEL_ENV, choose_model
from server.settings.settings_file import Settings

router = APIRouter(prefix="/api")


def describe_status(settings: Settings, key: KeyStatus) -> dict[str, Any]:
    # The choice is made without the key: only whether there is one matters here.
    choice = choose_model(settings, lambda: None)
    has_key = key.source != "none"
    return {
        "key": key.as_json(),
        "endpoint": {
            "base_url": choice.base_url,
            "base_url_from_environment": bool(os.environ.get(BASE_URL_ENV)),
            "is_openai": choice.is_openai,
            "api": choice.api,
            "model": choice.model,
            "model_from_environment": bool(os.environ.get(MODEL_ENV)),
        },
        # OpenAI's endpoint needs a key; another server is trusted to need none.
        "model_ready": has_key or not choice.is_openai,
        "first_run": not has_key and choice.base_url is None,
    }


async def current_status(app: AppServices) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    # Blocking: the keyring may wait on D-Bus or on an unlock dialog.
    key = await run_in_threadpool(key_status)
    return describe_status(settings, key)


@router.get("/status")
async def read_status(app: AppServices) -> dict[str, Any]:
    return await current_status(app)
