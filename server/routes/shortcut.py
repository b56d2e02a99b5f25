"""``GET /api/shortcut``: what became of the global shortcut, for Settings to show. The desktop
app registers it; under ``chatkit-desktop serve`` there is none, and the answer says what to
use instead."""

from typing import Any, Protocol

from fastapi import APIRouter, FastAPI, Request

router = APIRouter(prefix="/api")

NO_SHORTCUT_UNDER_SERVE = (
    "`chatkit-desktop serve` has no global shortcut of its own. Bind the command "
    "`chatkit-desktop ask` to a keyboard shortcut in your desktop's settings instead."
)


class ShortcutState(Protocol):
    def describe(self) -> dict[str, Any]:
        """``{"combination": str | None, "active": bool, "problem": str | None}``"""
        ...


def attach_shortcut_state(app: FastAPI, state: ShortcutState) -> None:
    app.state.shortcut_state = state


@router.get("/shortcut")
async def read_shortcut(request: Request) -> dict[str, Any]:
    state: ShortcutState | None = getattr(request.app.state, "shortcut_state", None)
    if state is None:
        return {"combination": None, "active": False, "problem": NO_SHORTCUT_UNDER_SERVE}
    return state.describe()
