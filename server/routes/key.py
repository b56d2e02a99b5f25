"""``PUT /api/key`` and ``DELETE /api/key``: store or remove the OpenAI API key in the system
keyring. The key travels page → server once; every answer is the status, never the key."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException
from starlette.concurrency import run_in_threadpool

from common.api_key import (
    InvalidApiKey,
    KeyringUnavailable,
    clear_api_key,
    store_api_key,
)
from server.http.services import AppServices
from server.routes.status import current_status

router = APIRouter(prefix="/api")
# The keyring is missing or refused: nothing the request could change, so not a 4xx.
KEYRING_UNAVAILABLE_STATUS = 503


@router.put("/key")
async def store_key(key: Annotated[str, Body(embed=True)], app: AppServices) -> dict[str, Any]:
    try:
        # Blocking: the keyring may wait on D-Bus or on an unlock dialog.
        backend = await run_in_threadpool(store_api_key, key)
    except InvalidApiKey as error:
        raise HTTPException(status_code=400, detail=str(error)) from error
    except KeyringUnavailable as error:
        raise HTTPException(status_code=KEYRING_UNAVAILABLE_STATUS, detail=str(error)) from error
    app.api_key.stored.remember(key.strip(), backend)
    return await current_status(app)


@router.delete("/key")
async def clear_key(app: AppServices) -> dict[str, Any]:
    try:
        await run_in_threadpool(clear_api_key)
    except KeyringUnavailable as error:
        raise HTTPException(status_code=KEYRING_UNAVAILABLE_STATUS, detail=str(error)) from error
    app.api_key.stored.remember(None, None)
    return await current_status(app)
