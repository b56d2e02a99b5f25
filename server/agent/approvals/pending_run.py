"""A run that stopped to ask the user, saved with its thread until every call is answered.

The Agents SDK's ``RunState`` (serialised with ``to_string``) goes into a hidden thread item,
which the ChatKit SDK never sends to a client and the converter leaves out of the model's
input: so a question survives a reload of the page, or a restart of the app, and the run
resumes exactly where it stopped. The state holds the conversation the model saw; it stays in
the user's own database, like the conversation itself.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from chatkit.types import HiddenContextItem

from server.agent.approvals.approval_widget import CallToApprove, Decision

KIND = "tool_approval"


@dataclass(frozen=True)
class PendingCall:
    call: CallToApprove
    widget_item_id: str
    decision: Decision | None = None


@dataclass(frozen=True)
class PendingRun:
    item_id: str
    thread_id: str
    created_at: datetime
    run_state: str
    calls: tuple[PendingCall, ...] = field(default_factory=tuple)

    def find(self, call_id: str) -> PendingCall | None:
        return next((pending for pending in self.calls if pending.call.call_id == call_id), None)

    def decided(self, call_id: str, decision: Decision) -> "PendingRun":
        return replace(
            self,
            calls=tuple(
                replace(pending, decision=decision) if pending.call.call_id == call_id else pending
                for pending in self.calls
            ),
        )

    @property
    def answered(self) -> bool:
        return all(pending.decision is not None for pending in self.calls)

    @property
    def decisions(self) -> dict[str, Decision]:
        return {
            pending.call.call_id: pending.decision
            for pending in self.calls
            if pending.decision is not None
        }

    def as_item(self) -> HiddenContextItem:
        return HiddenContextItem(
            id=self.item_id,
            thread_id=self.thread_id,
            created_at=self.created_at,
            content={
                "kind": KIND,
                "run_state": self.run_state,
                "calls": [
                    {
                        "call_id": pending.call.call_id,
                        "tool": pending.call.tool,
                        "server": pending.call.server,
                        "arguments": pending.call.arguments,
                        "widget_item_id": pending.widget_item_id,
                        "decision": pending.decision,
                    }
                    for pending in self.calls
                ],
            },
        )


def is_pending_run_item(item: HiddenContextItem) -> bool:
    return isinstance(item.content, dict) and item.content.get("kind") == KIND


def pending_run_of(item: HiddenContextItem) -> PendingRun | None:
    """The saved run in ``item``, or ``None`` when it holds something else (or is damaged)."""
    content: Any = item.content
    if not is_pending_run_item(item):
        return None
    try:
        calls = tuple(
            PendingCall(
                call=CallToApprove(
                    call_id=str(call["call_id"]),
                    tool=str(call["tool"]),
                    server=call["server"] if isinstance(call["server"], str) else None,
                    arguments=str(call["arguments"]),
                ),
                widget_item_id=str(call["widget_item_id"]),
                decision=call["decision"] if call["decision"] in ("approve", "deny") else None,
            )
            for call in content["calls"]
        )
        run_state = content["run_state"]
    except (KeyError, TypeError):
        return None
    if not isinstance(run_state, str):
        return None
    return PendingRun(item.id, item.thread_id, item.created_at, run_state, calls)
