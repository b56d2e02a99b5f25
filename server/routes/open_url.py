"""``POST /api/open-url``: a web address opened in the system browser, never in the app's
window; the page's side of the ``open_url`` tool. Only http and https addresses are opened
(``common/system_browser.py``); anything else is a 400 saying why, and nothing is opened."""

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, StrictStr

from common.system_browser import UrlRefused, open_in_browser

router = APIRouter(prefix="/api")


class UrlToOpen(BaseModel):
    url: StrictStr


@router.post("/open-url", status_code=204)
async def open_url(body: UrlToOpen) -> None:
    try:
        open_in_browser(body.url)
    except UrlRefused as refusal:
        raise HTTPException(status_code=400, detail=f"Not opened: {refusal}.") from refusal
