"""Approval of tool calls: a run stops before a call that needs it, the user answers with
the widget's Allow or Deny, and the run resumes from where it stopped.

``ask`` runs after an answer's stream: when the Agents SDK stopped the run for approvals
(``result.interruptions``) it saves the run's state with the thread (``pending_run.py``) and
shows one widget per call. ``decide`` takes a ``tool.approve`` / ``tool.deny`` action; once
every call of the run is answered, it hands the state, with the answers applied, to
``resume``. Nothing runs until then: a question nobody answers stays a question.

A thread with questions open is marked in its metadata (``PENDING_KEY``, saved by ChatKit with
the thread), so ``expire``, run on every message, looks for them only where there are some.
"""

import logging
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Any

from agents import Agent, RunResultStreaming, RunState
from chatkit.actions import Action
from chatkit.errors import CustomStreamError
from chatkit.store import NotFoundError
from chatkit.types import (
    HiddenContextItem,
    ThreadItemDoneEvent,
    ThreadItemReplacedEvent,
    ThreadMetadata,
    ThreadStreamEvent,
    WidgetItem,
)

from server.agent.approvals.approval_widget import (
    APPROVE_ACTION,
    DENY_ACTION,
    CallToApprove,
    Decision,
    approval_copy_text,
    approval_widget,
)
from server.agent.approvals.pending_run import PendingCall, PendingRun, pending_run_of
from server.agent.approvals.thread_locks import ThreadLocks
from server.store import SQLiteStore
from server.store.request_context import RequestContext

logger = logging.getLogger(__name__)

REFUSAL_FOR_MODEL = (
    "The user refused to let this tool run, so it did not run. Do not try it again unless "
    "the user asks; say what you would have done, or go on without it."
)
# How far back a thread is searched for the run a click answers.
_ITEMS_SEARCHED = 200
_DECISIONS: dict[str, Decision] = {APPROVE_ACTION: "approve", DENY_ACTION: "deny"}
NOT_WAITING_MESSAGE = "This tool call is no longer waiting for an answer."
PENDING_KEY = "pending_approval"


class ResumedRun:
    """A saved run with every call answered, to be continued with a freshly built agent."""

    def __init__(self, pending: PendingRun) -> None:
        self._pending = pending

    async def run_state(self, agent: Agent[Any], agent_context: Any) -> RunState[Any]:
        state = await RunState.from_string(
            agent, self._pending.run_state, context_deserializer=lambda _saved: agent_context
        )
        decisions = self._pending.decisions
        for interruption in state.get_interruptions():
            if decisions.get(interruption.call_id or "") == "approve":
                state.approve(interruption)
            else:
                state.reject(interruption, rejection_message=REFUSAL_FOR_MODEL)
        return state


class ToolApprovals:
    def __init__(self, store: SQLiteStore) -> None:
        self._store = store
        # One answer at a time per thread: a double click must not resume a run twice.
        self._deciding = ThreadLocks()

    async def ask(
        self, result: RunResultStreaming, thread: ThreadMetadata, context: RequestContext
    ) -> AsyncIterator[ThreadStreamEvent]:
        """After a run: if it stopped for approvals, saves it and shows the questions."""
        if not result.interruptions:
            return
        now = datetime.now()
        calls = []
        widgets = []
        for interruption in result.interruptions:
            origin = interruption.tool_origin
            call = CallToApprove(
                call_id=interruption.call_id or "",
                tool=interruption.name or "a tool",
                server=getattr(origin, "mcp_server_name", None),
                arguments=interruption.arguments or "",
            )
            widget = WidgetItem(
                id=self._store.generate_item_id("message", thread, context),
                thread_id=thread.id,
                created_at=now,
                widget=approval_widget(call),
                copy_text=approval_copy_text(call),
            )
            calls.append((call, widget.id))
            widgets.append(widget)
        pending = PendingRun(
            item_id=self._store.generate_item_id("message", thread, context),
            thread_id=thread.id,
            created_at=now,
            run_state=result.to_state().to_string(context_serializer=_no_context),
            calls=tuple(PendingCall(call, widget_id) for call, widget_id in calls),
        )
        # Saved before the questions are shown, so an answer always finds its run.
        await self._store.add_thread_item(thread.id, pending.as_item(), context)
        thread.metadata[PENDING_KEY] = True
        for widget in widgets:
            yield ThreadItemDoneEvent(item=widget)

    async def decide(
        self,
        thread: ThreadMetadata,
        action: Action[str, Any],
        context: RequestContext,
        resume: Callable[[ResumedRun], AsyncIterator[ThreadStreamEvent]],
    ) -> AsyncIterator[ThreadStreamEvent]:
        decision = _DECISIONS.get(action.type)
        if decision is None:
            raise CustomStreamError(f"Unknown action {action.type[:60]!r}.", allow_retry=False)
        call_id = action.payload.get("call_id") if isinstance(action.payload, Mapping) else None
        if not isinstance(call_id, str) or not call_id:
            raise CustomStreamError("The action names no tool call.", allow_retry=False)
        async with self._deciding.held(thread.id):
            pending = await self._pending_with(thread, call_id, context)
            answered = pending.find(call_id) if pending is not None else None
            if pending is None or answered is None or answered.decision is not None:
                raise CustomStreamError(NOT_WAITING_MESSAGE, allow_retry=False)
            logger.info("tool call %s: %s", answered.call.tool, decision)
            pending = pending.decided(call_id, decision)
            replaced = await self._answered_widget(thread, answered.widget_item_id, context)
            if replaced is not None:
                call = answered.call
                yield ThreadItemReplacedEvent(
                    item=replaced.model_copy(update={"widget": approval_widget(call, decision)})
                )
            if not pending.answered:
                await self._store.add_thread_item(thread.id, pending.as_item(), context)
                return
            await self._store.delete_thread_item(thread.id, pending.item_id, context)
            thread.metadata.pop(PENDING_KEY, None)
        async for event in resume(ResumedRun(pending)):
            yield event

    async def expire(
        self, thread: ThreadMetadata, context: RequestContext
    ) -> AsyncIterator[ThreadStreamEvent]:
        """The user wrote again instead of answering: the questions still open are closed
        unanswered (their calls never run), so a late click cannot resume an old run into a
        conversation that has gone on."""
        if not thread.metadata.get(PENDING_KEY):
            return
        async with self._deciding.held(thread.id):
            for pending in await self._all_pending(thread, context):
                for call in pending.calls:
                    if call.decision is not None:
                        continue
                    widget = await self._answered_widget(thread, call.widget_item_id, context)
                    if widget is not None:
                        yield ThreadItemReplacedEvent(
                            item=widget.model_copy(
                                update={"widget": approval_widget(call.call, "expired")}
                            )
                        )
                await self._store.delete_thread_item(thread.id, pending.item_id, context)
            thread.metadata.pop(PENDING_KEY, None)

    async def _all_pending(
        self, thread: ThreadMetadata, context: RequestContext
    ) -> list[PendingRun]:
        newest = await self._store.load_thread_items(
            thread.id, None, _ITEMS_SEARCHED, "desc", context
        )
        return [
            pending
            for item in newest.data
            if isinstance(item, HiddenContextItem) and (pending := pending_run_of(item))
        ]

    async def _pending_with(
        self, thread: ThreadMetadata, call_id: str, context: RequestContext
    ) -> PendingRun | None:
        for pending in await self._all_pending(thread, context):
            if pending.find(call_id) is not None:
                return pending
        return None

    async def _answered_widget(
        self, thread: ThreadMetadata, item_id: str, context: RequestContext
    ) -> WidgetItem | None:
        try:
            item = await self._store.load_item(thread.id, item_id, context)
        except NotFoundError:
            return None
        return item if isinstance(item, WidgetItem) else None


def _no_context(_context: Any) -> dict[str, Any]:
    # The context (store, request) is rebuilt for the resumed run; none of it is saved.
    return {}
