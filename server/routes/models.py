"""``GET /api/models``: what the composer's model picker offers (ChatKit's ``composer.models``
and the built-in view's menu), the default first and marked. A message naming another model is
refused before anything reaches the endpoint (``server/agent/picked_model.py``)."""

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices
from server.settings.model_choice import choose_model

router = APIRouter(prefix="/api")


@router.get("/models")
async def offered_models(app: AppServices) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    # Only a key already known: reading the keyring, or retrying a dismissed read, is for an
    # answer (``stored_key.py``), and would hold the listing up while a prompt is open.
    choice = choose_model(settings, app.api_key.known)
    names = await app.offered_models.names(settings, choice)
    return {
        "models": [
            {"id": name, "label": name, "default": index == 0} for index, name in enumerate(names)
        ]
    }
