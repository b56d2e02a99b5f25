"""The model one answer uses: the one its message picked in the composer
(``inference_options.model``) when the picker offers it, else the settings' model. A model the
picker does not offer is refused in words before anything is sent to the endpoint.

An answer that continues after a client tool's output has no message of its own: it keeps the
model of the newest message in the thread."""

import dataclasses

from chatkit.errors import CustomStreamError
from chatkit.types import ThreadMetadata, UserMessageItem

from server.settings.model_choice import ModelChoice
from server.settings.offered_models import OfferedModels
from server.settings.settings_file import Settings
from server.store import SQLiteStore
from server.store.request_context import RequestContext

# An endpoint may list hundreds of models; the refusal names the first few.
NAMES_IN_REFUSAL = 8
# A client tool call and its answer sit between the message and the continuation; a few more
# items cover tool calls in a row.
NEWEST_ITEMS_SEARCHED = 20


async def model_for_answer(
    choice: ModelChoice,
    message: UserMessageItem | None,
    *,
    thread: ThreadMetadata,
    store: SQLiteStore,
    context: RequestContext,
    settings: Settings,
    offered: OfferedModels,
) -> ModelChoice:
    if message is None:
        message = await _newest_user_message(thread, store, context)
    picked = message.inference_options.model if message is not None else None
    if not picked or picked == choice.model:
        return choice
    names = await offered.names(settings, choice)
    if picked not in names:
        shown = picked if len(picked) <= 80 else picked[:80] + "…"
        raise CustomStreamError(
            f"The model “{shown}” is not one this app offers ({_listed(names)}). Choose "
            "one in the composer's model menu, or add it to the models setting.",
            allow_retry=False,
        )
    return dataclasses.replace(choice, model=picked)


async def _newest_user_message(
    thread: ThreadMetadata, store: SQLiteStore, context: RequestContext
) -> UserMessageItem | None:
    newest = await store.load_thread_items(thread.id, None, NEWEST_ITEMS_SEARCHED, "desc", context)
    return next((item for item in newest.data if isinstance(item, UserMessageItem)), None)


def _listed(names: list[str]) -> str:
    if len(names) <= NAMES_IN_REFUSAL:
        return ", ".join(names)
    return f"{', '.join(names[:NAMES_IN_REFUSAL])} and {len(names) - NAMES_IN_REFUSAL} more"
