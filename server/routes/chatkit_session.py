"""``POST /api/chatkit/session`` and ``/api/chatkit/refresh``: the client secret ChatKit needs to
run the Agent Builder workflow chosen in Settings. Only the session's secret reaches the page;
the key stays on this side. The first session also starts mirroring the hosted threads."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request

from server.hosted.mirror import HostedMirror
from server.hosted.openai_access import HostedError
from server.hosted.workflow_sessions import WorkflowSessions
from server.http.services import LOCAL_USER_ID, Services

router = APIRouter(prefix="/api/chatkit")


def attach_workflow_sessions(app_state: Any, services: Services) -> None:
    """Called once by ``create_app``: the sessions and the mirror live as long as the app."""
    app_state.workflow_sessions = WorkflowSessions(services.settings_file, services.api_key)
    app_state.hosted_mirror = HostedMirror(
        services.store, services.settings_file, services.api_key, LOCAL_USER_ID
    )


@router.post("/session")
async def create_session(request: Request) -> dict[str, Any]:
    sessions: WorkflowSessions = request.app.state.workflow_sessions
    try:
        session = await sessions.create()
    except HostedError as error:
        raise HTTPException(status_code=error.status, detail=error.message) from None
    mirror: HostedMirror = request.app.state.hosted_mirror
    mirror.start_once()
    return session.as_json()


@router.post("/refresh")
async def refresh_session(
    request: Request, body: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    sessions: WorkflowSessions = request.app.state.workflow_sessions
    try:
        session = await sessions.refresh(body.get("current_client_secret"))
    except HostedError as error:
        raise HTTPException(status_code=error.status, detail=error.message) from None
    return session.as_json()
