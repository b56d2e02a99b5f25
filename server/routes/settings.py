"""``/api/settings``: read and change the user's settings. Changes apply to the next answer."""

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices
from server.settings.settings_file import SettingsError

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/api")


@router.get("/settings")
async def read_settings(app: AppServices) -> dict[str, Any]:
    settings = await run_in_threadpool(app.settings_file.load)
    return settings.as_json()


@router.patch("/settings")
async def change_settings(
    changes: Annotated[dict[str, Any], Body()], app: AppServices
) -> dict[str, Any]:
    try:
        settings = await run_in_threadpool(app.settings_file.update, changes)
    except SettingsError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    # Names only, and only once accepted (so each is a setting's name, not a client's text):
    # values such as the endpoint's address are the user's own business.
    if changes:
        logger.info("settings changed: %s", ", ".join(sorted(changes)))
    return settings.as_json()
