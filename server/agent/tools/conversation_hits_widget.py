"""The widget that shows the user what ``search_conversations`` found: one row per hit (the
thread's title, the date, the matching passage), each opening its thread when clicked."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from chatkit.types import WidgetItem
from chatkit.widgets import DynamicWidgetRoot

from server.store.search import SearchHit

# The page handles this action itself (ChatKit's ``widgets.onAction``, the built-in view's
# widget rows): it shows the thread named in the payload.
OPEN_THREAD_ACTION = "thread.open"
# Marks the widget, so later turns give the model its text rather than its JSON.
WIDGET_KEY = "search_conversations"
UNTITLED = "Untitled conversation"


def conversation_hits_widget(query: str, hits: Sequence[SearchHit]) -> DynamicWidgetRoot:
    status = {"text": f"Your conversations: “{query}”", "icon": "search"}
    rows = [_row(hit) for hit in hits] or [_nothing_found(query)]
    # Built from plain data: chatkit 1.6 deprecates its named widget classes.
    return DynamicWidgetRoot.model_validate(
        {"type": "ListView", "key": WIDGET_KEY, "status": status, "children": rows}
    )


def is_conversation_hits(item: WidgetItem) -> bool:
    return item.widget.key == WIDGET_KEY


def hit_title(hit: SearchHit) -> str:
    return hit.thread_title or UNTITLED


def hit_date(created_at: datetime) -> str:
    return f"{created_at.day} {created_at:%b %Y}"


def _row(hit: SearchHit) -> dict[str, Any]:
    return {
        "type": "ListViewItem",
        "key": hit.item_id,
        "onClickAction": {
            "type": OPEN_THREAD_ACTION,
            "payload": {"thread_id": hit.thread_id},
            "handler": "client",
        },
        "children": [
            {
                "type": "Col",
                "gap": 1,
                "children": [
                    {"type": "Text", "value": hit_title(hit), "weight": "semibold"},
                    {"type": "Caption", "value": hit_date(hit.created_at)},
                    {"type": "Text", "value": hit.snippet, "size": "sm", "color": "secondary"},
                ],
            }
        ],
    }


def _nothing_found(query: str) -> dict[str, Any]:
    return {
        "type": "ListViewItem",
        "children": [{"type": "Text", "value": f"No saved conversation mentions “{query}”."}],
    }
