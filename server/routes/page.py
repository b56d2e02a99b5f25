"""The page shell and its static files: public, since they hold no secret (the token reaches
the page in the URL fragment, which browsers never send)."""

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(str(files("web")))
PUBLIC_PATHS = frozenset({"/"})
PUBLIC_PREFIXES = ("/static/",)

router = APIRouter()


@router.get("/", include_in_schema=False)
async def page_shell() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html")


def static_files() -> StaticFiles:
    return StaticFiles(directory=WEB_DIR / "static")
