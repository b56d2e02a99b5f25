"""``respond()``: one answer from the agent, streamed as ChatKit events and stored."""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
from agents import Agent, Runner
from chatkit.actions import Action
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
    WidgetItem,
    is_streaming_req,
)

from server.agent.answer_actions import with_answer_actions
from server.agent.approvals.tool_approvals import ResumedRun, ToolApprovals
from server.agent.converter import DesktopItemConverter
from server.agent.deferred_title import title_after_first_words
from server.agent.instructions import build_instructions
from server.agent.mcp.agent_tools import add_mcp_tools
from server.agent.mcp.manager import McpServers
from server.agent.model_client import ModelClients
from server.agent.model_errors import explain_model_failure
from server.agent.os_user import current_os_user
from server.agent.picked_model import model_for_answer
from server.agent.queued_text_deltas import joining_queued_text_deltas
from server.agent.shared_context_item import shared_context_item
from server.agent.store_item_ids import with_store_item_ids
from server.agent.tagged_threads import TaggedThreads
from server.agent.titles import title_from_message
from server.agent.tools.client_tools import stop_at_client_tool_call
from server.agent.tools.toolbox import build_toolbox
from server.attachments.attachment_store import DesktopAttachmentStore
from server.attachments.files import AttachmentFiles
from server.settings.model_choice import NO_API_KEY_MESSAGE, ModelChoice, choose_model
from server.settings.offered_models import OfferedModels
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
        offered_models: OfferedModels | None = None,
    ) -> None:
        super().__init__(store, attachment_store)
        self.store: SQLiteStore = store
        # The converter reads attachments' bytes through this.
        self.attachment_files: AttachmentFiles = attachment_store.files
        self._settings_file = settings_file
        self._read_api_key = read_api_key
        self._model_clients = ModelClients()
        self._offered_models = offered_models or OfferedModels()
        self.mcp_servers = McpServers()
        self._approvals = ToolApprovals(store)

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
        resume: ResumedRun | None = None,
    ) -> AsyncIterator[ThreadStreamEvent]:
        """``resume``: go on with a run that stopped to ask the user (tool approvals)."""
        settings = self._settings_file.load()
        if input_user_message is not None:
            async for event in self._approvals.expire(thread, context):
                yield event
            replaced = await self._record_shared_context(
                thread, input_user_message, context, settings
            )
            if replaced is not None:
                yield ThreadItemReplacedEvent(item=replaced)

        choice = await asyncio.to_thread(choose_model, settings, self._read_api_key)
        if choice.missing_key:
            raise CustomStreamError(NO_API_KEY_MESSAGE, allow_retry=False)
        choice = await model_for_answer(
            choice,
            input_user_message,
            thread=thread,
            store=self.store,
            context=context,
            settings=settings,
            offered=self._offered_models,
        )

        toolbox = build_toolbox(settings, self.store)
        await add_mcp_tools(toolbox, self.mcp_servers, settings, resuming=resume is not None)
        agent = Agent[AgentContext[RequestContext]](
            name="ChatKit Desktop",
            instructions=build_instructions(
                current_os_user() if settings.share_user_name else None,
                tools={tool.name for tool in toolbox.tools},
            ),
            model=await self._model_clients.model_for(choice, settings),
            tools=toolbox.tools,
            tool_use_behavior=stop_at_client_tool_call,
        )
        agent_context = AgentContext[RequestContext](
            thread=thread, store=self.store, request_context=context
        )
        result = Runner.run_streamed(
            agent,
            await resume.run_state(agent, agent_context)
            if resume is not None
            else await self._model_input(thread, context, choice),
            context=agent_context,
            hooks=toolbox.activity,
            run_config=toolbox.run_config(tracing_disabled=not settings.tracing),
        )

        def new_item_id() -> str:
            return self.store.generate_item_id("message", thread, context)

        try:
            answered = with_store_item_ids(
                stream_agent_response(agent_context, joining_queued_text_deltas(result)),
                new_item_id,
            )
            # The Copy and Insert buttons, when the message came from an ask with its window.
            async for event in with_answer_actions(answered, thread, context, new_item_id):
                yield event
            async for event in self._approvals.ask(result, thread, context):
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
        converter = DesktopItemConverter(
            choice.api, self.attachment_files, TaggedThreads(self.store, context)
        )
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

    def action(
        self,
        thread: ThreadMetadata,
        action: Action[str, Any],
        sender: WidgetItem | None,
        context: RequestContext,
    ) -> AsyncIterator[ThreadStreamEvent]:
        """Allow or Deny on a tool call's question: the run goes on from where it stopped."""
        return self._approvals.decide(
            thread, action, context, lambda run: self._answer(thread, None, context, run)
        )

    async def aclose(self) -> None:
        await self.mcp_servers.aclose()
        await self._model_clients.aclose()
