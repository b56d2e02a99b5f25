"""``GET /api/models``: what the composer's model picker offers (ChatKit's ``composer.models``
and the built-in view's menu), the default first and marked. A message naming another model is
refused before anything reaches the endpoint (``server/agent/picked_model.py``)."""

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices

router = APIRouter(prefix="/api")


@router.get("/models")
async def offered_models(app: AppServices) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    names = await app.offered_models.names(settings, app.api_key)
    return {
        "models": [
            {"id": name, "label": name, "default": index == 0} for index, name in enumerate(names)
        ]
    }
