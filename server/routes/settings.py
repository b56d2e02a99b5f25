"""``/api/settings``: read and change the user's settings. Changes apply to the next answer."""

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException
from starlette.concurrency import run_in_threadpool

from common.api_key import KeyringUnavailable
from server.http.services import AppServices
from server.routes.key import KEYRING_UNAVAILABLE_STATUS
from server.settings.mcp_secrets import McpSecretError, update_keeping_secrets
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
        settings = await run_in_threadpool(update_keeping_secrets, app.settings_file, changes)
    except (SettingsError, McpSecretError) as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    except KeyringUnavailable as error:
        raise HTTPException(status_code=KEYRING_UNAVAILABLE_STATUS, detail=str(error)) from error
    # Names only, and only once accepted (so each is a setting's name, not a client's text):
    # values such as the endpoint's address are the user's own business.
    if changes:
        logger.info("settings changed: %s", ", ".join(sorted(changes)))
    return settings.as_json()
