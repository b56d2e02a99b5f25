"""The widget that asks the user to allow or deny one tool call, and what it becomes once
they have answered.

Built as plain widget JSON (``DynamicWidgetRoot``): ChatKit renders it, and so does the
built-in view (web/static/history/approval-widget.js), which looks for the same actions.
"""

import json
from dataclasses import dataclass
from typing import Literal

from chatkit.widgets import DynamicWidgetRoot

APPROVE_ACTION = "tool.approve"
DENY_ACTION = "tool.deny"
# Arguments are shown in full up to this; a longer text is cut with a note.
SHOWN_ARGUMENTS_CHARS = 4000

Decision = Literal["approve", "deny"]
# What the card says once answered, or once the conversation went on without an answer.
Outcome = Literal["approve", "deny", "expired"]
_OUTCOMES: dict[str, tuple[str, str]] = {
    "approve": ("Allowed", "success"),
    "deny": ("Denied", "danger"),
    "expired": ("Not run: the conversation went on", "secondary"),
}


@dataclass(frozen=True)
class CallToApprove:
    call_id: str
    tool: str
    server: str | None
    arguments: str


def approval_widget(call: CallToApprove, outcome: Outcome | None = None) -> DynamicWidgetRoot:
    """The question (``outcome`` ``None``: with Allow and Deny), or what became of it."""
    source = f"the MCP server “{call.server}”" if call.server else "a built-in tool"
    children: list[dict[str, object]] = [
        {"type": "Title", "value": f"Run {call.tool}?", "size": "sm"},
        {"type": "Caption", "value": f"The agent wants to use {call.tool} from {source}."},
        {"type": "Text", "value": shown_arguments(call.arguments), "size": "sm"},
    ]
    if outcome is None:
        payload = {"call_id": call.call_id}
        children.append(
            {
                "type": "Row",
                "gap": 2,
                "children": [
                    _button("Allow", APPROVE_ACTION, payload, "primary"),
                    _button("Deny", DENY_ACTION, payload, "secondary"),
                ],
            }
        )
    else:
        label, color = _OUTCOMES[outcome]
        children.append({"type": "Badge", "label": label, "color": color})
    return DynamicWidgetRoot.model_validate({"type": "Card", "size": "md", "children": children})


def approval_copy_text(call: CallToApprove) -> str:
    return f"Run {call.tool}? {shown_arguments(call.arguments)}"


def shown_arguments(arguments: str) -> str:
    """The arguments as indented JSON (as written when they are not JSON), cut to a length."""
    try:
        text = json.dumps(json.loads(arguments), indent=2, ensure_ascii=False)
    except ValueError:
        text = arguments
    text = text.strip() or "(no arguments)"
    if len(text) > SHOWN_ARGUMENTS_CHARS:
        return f"{text[:SHOWN_ARGUMENTS_CHARS]}… ({len(text):,} characters in all)"
    return text


def _button(label: str, action: str, payload: dict[str, str], style: str) -> dict[str, object]:
    return {
        "type": "Button",
        "label": label,
        "style": style,
        "onClickAction": {"type": action, "payload": payload},
    }
