"""``respond()``: one answer from the agent, streamed as ChatKit events and stored."""

import asyncio
from collections.abc import AsyncIterator, Callable

import anyio
from agents import Agent, RunConfig, Runner
from chatkit.agents import AgentContext, stream_agent_response
from chatkit.errors import CustomStreamError
from chatkit.server import ChatKitServer, NonStreamingResult, StreamingResult
from chatkit.types import (
    ChatKitReq,
    ThreadItem,
    ThreadItemReplacedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    UserMessageItem,
    is_streaming_req,
)

from server.agent.converter import DesktopItemConverter
from server.agent.deferred_title import title_after_first_words
from server.agent.instructions import build_instructions
from server.agent.model_client import ModelClients
from server.agent.model_errors import explain_model_failure
from server.agent.os_user import current_os_user
from server.agent.queued_text_deltas import joining_queued_text_deltas
from server.agent.shared_context_item import shared_context_item
from server.agent.store_item_ids import with_store_item_ids
from server.agent.titles import title_from_message
from server.attachments.attachment_store import DesktopAttachmentStore
from server.attachments.files import AttachmentFiles
from server.settings.model_choice import NO_API_KEY_MESSAGE, ModelChoice, choose_model
from server.settings.settings_file import Settings, SettingsFile
from server.store import SQLiteStore
from server.store.request_context import RequestContext

# Enough for a long conversation; older items fall out of the model's view.
HISTORY_ITEMS = 60


class DesktopChatKitServer(ChatKitServer[RequestContext]):
    def __init__(
        self,
        store: SQLiteStore,
        settings_file: SettingsFile,
        read_api_key: Callable[[], str | None],
        attachment_store: DesktopAttachmentStore,
    ) -> None:
        super().__init__(store, attachment_store)
        self.store: SQLiteStore = store
        # The converter reads attachments' bytes through this.
        self.attachment_files: AttachmentFiles = attachment_store.files
        self._settings_file = settings_file
        self._read_api_key = read_api_key
        self._model_clients = ModelClients()

    async def process_parsed(
        self, request: ChatKitReq, context: RequestContext
    ) -> StreamingResult | NonStreamingResult:
        """``process()`` for a request the route has parsed and checked already. The SDK's own
        ``process()`` parses the JSON again with a pydantic adapter it builds afresh on every
        call, about 3 ms before the first event of every answer; the rest of it is this."""
        if is_streaming_req(request):
            return StreamingResult(self._process_streaming(request, context))
        return NonStreamingResult(await self._process_non_streaming(request, context))

    async def respond(
        self,
        thread: ThreadMetadata,
        input_user_message: UserMessageItem | None,
        context: RequestContext,
    ) -> AsyncIterator[ThreadStreamEvent]:
        answer = self._answer(thread, input_user_message, context)
        title = (
            title_from_message(input_user_message)
            if input_user_message is not None and thread.title is None
            else None
        )
        if title is not None:
            answer = title_after_first_words(answer, thread, title)
        async for event in answer:
            yield event

    async def _answer(
        self,
        thread: ThreadMetadata,
        input_user_message: UserMessageItem | None,
        context: RequestContext,
    ) -> AsyncIterator[ThreadStreamEvent]:
        settings = self._settings_file.load()
        if input_user_message is not None:
            replaced = await self._record_shared_context(
                thread, input_user_message, context, settings
            )
            if replaced is not None:
                yield ThreadItemReplacedEvent(item=replaced)

        choice = await asyncio.to_thread(choose_model, settings, self._read_api_key)
        if choice.missing_key:
            raise CustomStreamError(NO_API_KEY_MESSAGE, allow_retry=False)

        agent = Agent[AgentContext[RequestContext]](
            name="ChatKit Desktop",
            instructions=build_instructions(
                current_os_user() if settings.share_user_name else None
            ),
            model=await self._model_clients.model_for(choice, settings),
        )
        agent_context = AgentContext[RequestContext](
            thread=thread, store=self.store, request_context=context
        )
        result = Runner.run_streamed(
            agent,
            await self._model_input(thread, context, choice),
            context=agent_context,
            run_config=RunConfig(tracing_disabled=not settings.tracing),
        )
        try:
            async for event in with_store_item_ids(
                stream_agent_response(agent_context, joining_queued_text_deltas(result)),
                lambda: self.store.generate_item_id("message", thread, context),
            ):
                yield event
        except Exception as error:
            explained = explain_model_failure(error, choice)
            if explained is None:
                raise
            raise explained from error
        finally:
            # A client that stops reading (ChatKit's stop button, a closed window) cancels this
            # generator, but the SDK's run is a task of its own that would go on reading the
            # model's answer, which the user pays for, to the end.
            if not result.is_complete:
                result.cancel()

    async def _record_shared_context(
        self,
        thread: ThreadMetadata,
        message: UserMessageItem,
        context: RequestContext,
        settings: Settings,
    ) -> UserMessageItem | None:
        """Stores what the user shared beside their message, and quotes the selection on the
        message itself so every view of the history shows it. Returns the message if changed."""
        if context.shared_context is None:
            return None
        shared, _withheld = context.shared_context.shared_under(settings.sharing)
        if shared.is_empty():
            return None
        item_id = self.store.generate_item_id("message", thread, context)
        await self.store.add_thread_item(
            thread.id, shared_context_item(item_id, thread.id, message.id, shared), context
        )
        if not shared.selection or message.quoted_text:
            return None
        return message.model_copy(update={"quoted_text": shared.selection})

    async def _model_input(
        self, thread: ThreadMetadata, context: RequestContext, choice: ModelChoice
    ) -> list:
        newest = await self.store.load_thread_items(thread.id, None, HISTORY_ITEMS, "desc", context)
        history: list[ThreadItem] = list(reversed(newest.data))
        converter = DesktopItemConverter(choice.api, self.attachment_files)
        return await converter.to_agent_input(history)

    async def handle_stream_cancelled(
        self, thread: ThreadMetadata, pending_items: list[ThreadItem], context: RequestContext
    ) -> None:
        # A client that went away cancels the response task, and anyio keeps re-raising the
        # cancellation at every await inside it: shield the saving of what was streamed.
        with anyio.CancelScope(shield=True):
            await super().handle_stream_cancelled(thread, pending_items, context)
            # ChatKit saves a changed thread only between events, never on cancellation: a
            # title set as the answer was cut short would be lost.
            await self.store.save_thread(thread, context)

    async def aclose(self) -> None:
        await self._model_clients.aclose()
