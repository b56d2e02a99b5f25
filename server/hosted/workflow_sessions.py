"""ChatKit sessions for the configured workflow: a ``client_secret`` for the page, made with the
user's key, which stays here. A refresh makes a new session for a secret this app issued; the
secrets are remembered only as hashes, in memory, and only the last few."""

import asyncio
import hashlib
import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from server.agent.os_user import current_os_user
from server.hosted.hosted_user import hosted_user_id
from server.hosted.openai_access import (
    HostedError,
    hosted_base_url,
    hosted_client,
    in_words,
    workflow_of,
)
from server.settings.settings_file import Settings, SettingsFile

# The workflow's state variable for the OS user's name, sent only if the user allows it.
USER_NAME_VARIABLE = "user_name"
# Enough for every secret OpenAI has issued so far, small enough to stay a sentence.
MAX_SECRET_LENGTH = 4096
# The page refreshes only its current secret; a few more cover sessions made by reloads.
REMEMBERED_SECRETS = 8


@dataclass(frozen=True)
class IssuedSession:
    client_secret: str
    expires_at: int

    def as_json(self) -> dict[str, Any]:
        return {"client_secret": self.client_secret, "expires_at": self.expires_at}


class WorkflowSessions:
    def __init__(self, settings_file: SettingsFile, read_api_key: Callable[[], str | None]) -> None:
        self._settings_file = settings_file
        self._read_api_key = read_api_key
        self._issued: deque[str] = deque(maxlen=REMEMBERED_SECRETS)

    async def create(self) -> IssuedSession:
        """A new session; ``HostedError`` says in words why there is none."""
        settings = await asyncio.to_thread(self._settings_file.load)
        workflow_id = workflow_of(settings)
        user = await asyncio.to_thread(hosted_user_id, self._settings_file, settings)
        workflow = await asyncio.to_thread(_workflow_request, settings, workflow_id)
        client = await hosted_client(settings, self._read_api_key, hosted_base_url(os.environ))
        try:
            async with client:
                session = await client.beta.chatkit.sessions.create(user=user, workflow=workflow)
        except Exception as error:
            raise in_words(error, workflow_id) from None
        self._issued.append(_digest(session.client_secret))
        return IssuedSession(session.client_secret, session.expires_at)

    async def refresh(self, current_client_secret: object) -> IssuedSession:
        """A new session in place of ``current_client_secret``, which this app must have issued."""
        if (
            not isinstance(current_client_secret, str)
            or not 0 < len(current_client_secret) <= MAX_SECRET_LENGTH
        ):
            raise HostedError(400, "current_client_secret must be the client secret to refresh")
        if _digest(current_client_secret) not in self._issued:
            raise HostedError(
                400, "current_client_secret is not a client secret this app issued; start over"
            )
        return await self.create()


def _workflow_request(settings: Settings, workflow_id: str) -> dict[str, Any]:
    """Blocking: the password database, for the name."""
    workflow: dict[str, Any] = {"id": workflow_id}
    if settings.workflow_version:
        workflow["version"] = settings.workflow_version
    if settings.share_user_name:
        user = current_os_user()
        workflow["state_variables"] = {USER_NAME_VARIABLE: user.full_name or user.login}
    return workflow


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


__all__ = ["HostedError", "IssuedSession", "WorkflowSessions"]
