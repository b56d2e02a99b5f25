"""A conversation the user tagged with @ in a message, as the model reads it: its title, its
thread id, and its newest messages, bounded so a long conversation cannot crowd out the rest."""

from chatkit.store import NotFoundError
from chatkit.types import AssistantMessageItem, UserMessageItem, UserMessageTagContent

from server.store import SQLiteStore
from server.store.item_text import visible_text
from server.store.request_context import RequestContext

TAGGED_MESSAGES = 10
TAGGED_CHARS = 4000
# Enough items to find TAGGED_MESSAGES messages among tool records and widgets.
ITEMS_READ = 40
SPEAKERS = {"user_message": "User", "assistant_message": "Assistant"}


class TaggedThreads:
    """Reads tagged threads for one request, as its user."""

    def __init__(self, store: SQLiteStore, context: RequestContext) -> None:
        self._store = store
        self._context = context

    async def describe(self, tag: UserMessageTagContent) -> str:
        thread_id = str(tag.data.get("thread_id") or tag.id)
        try:
            thread = await self._store.load_thread(thread_id, self._context)
        except NotFoundError:
            return (
                f"The user tagged the conversation “{tag.text}” (thread id {thread_id}), "
                "which is no longer saved."
            )
        title = thread.title or tag.text
        page = await self._store.load_thread_items(
            thread_id, None, ITEMS_READ, "desc", self._context
        )
        lines: list[str] = []
        used = 0
        for item in page.data:
            if len(lines) == TAGGED_MESSAGES:
                break
            if not isinstance(item, UserMessageItem | AssistantMessageItem):
                continue
            line = f"{SPEAKERS[item.type]}: {visible_text(item)}"
            if used + len(line) > TAGGED_CHARS:
                lines.append(line[: max(TAGGED_CHARS - used, 0)] + "…")
                break
            lines.append(line)
            used += len(line)
        heading = (
            f"The user tagged the conversation “{title}” (thread id {thread_id}, started "
            f"{thread.created_at:%Y-%m-%d})."
        )
        if not lines:
            return f"{heading} It has no messages."
        newest = f"{heading} Its newest {len(lines)} messages, oldest first:"
        return "\n".join([newest, *reversed(lines)])
