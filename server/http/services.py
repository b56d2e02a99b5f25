"""What the routes share: the store, the settings, the key and the agent, built once."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from server.agent.sdk_loader import ChatKitServerLoader
from server.attachments.attachment_store import DesktopAttachmentStore
from server.http.ask_events import AskEvents
from server.settings.offered_models import OfferedModels
from server.settings.settings_file import SettingsFile
from server.settings.stored_key import ServerApiKey
from server.store import SQLiteStore

# One person per installation; the store still scopes every query by this id.
LOCAL_USER_ID = "local"


@dataclass(frozen=True)
class Services:
    store: SQLiteStore
    settings_file: SettingsFile
    chatkit_server: ChatKitServerLoader
    # The key for answers, and what the page is told of it, without waiting on the keyring.
    api_key: ServerApiKey
    version: str
    ask_events: AskEvents
    attachments: DesktopAttachmentStore
    offered_models: OfferedModels


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


AppServices = Annotated[Services, Depends(services)]
