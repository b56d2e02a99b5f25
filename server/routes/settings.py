"""``/api/settings``: read and change the user's settings. Changes apply to the next answer."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException
from starlette.concurrency import run_in_threadpool

from server.http.services import AppServices
from server.settings.settings_file import SettingsError

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
    return settings.as_json()
