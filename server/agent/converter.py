"""Thread items → model input, for the Responses and the Chat Completions APIs alike."""

from collections.abc import Sequence

from agents import TResponseInputItem
from chatkit.agents import ThreadItemConverter
from chatkit.types import (
    AssistantMessageItem,
    Attachment,
    HiddenContextItem,
    ThreadItem,
    UserMessageItem,
    UserMessageTagContent,
    WidgetItem,
)
from openai.types.responses import ResponseInputContentParam

from server.agent.answer_actions import is_answer_actions
from server.agent.approvals.pending_run import is_pending_run_item
from server.agent.attachment_parts import Api, attachment_part
from server.agent.shared_context_item import describe_for_model, shared_context_record
from server.agent.tagged_threads import TaggedThreads
from server.agent.tools.conversation_hits_widget import is_conversation_hits
from server.attachments.files import AttachmentFiles


class DesktopItemConverter(ThreadItemConverter):
    """Converts one slice of history; make a new one per answer (it remembers that slice).
    ``api`` is the one this answer uses: attachments are sent differently to each."""

    def __init__(
        self,
        api: Api,
        attachment_files: AttachmentFiles,
        tagged_threads: TaggedThreads | None = None,
    ) -> None:
        self._api = api
        self._attachment_files = attachment_files
        self._tagged_threads = tagged_threads
        self._messages_with_shared_context: set[str] = set()

    async def to_agent_input(
        self, thread_items: Sequence[ThreadItem] | ThreadItem
    ) -> list[TResponseInputItem]:
        items = list(thread_items) if isinstance(thread_items, Sequence) else [thread_items]
        self._messages_with_shared_context = {
            record.message_id
            for item in items
            if isinstance(item, HiddenContextItem)
            and (record := shared_context_record(item)) is not None
        }
        return await super().to_agent_input(items)

    async def user_message_to_input(
        self, item: UserMessageItem, is_last_message: bool = True
    ) -> TResponseInputItem | list[TResponseInputItem] | None:
        if item.id in self._messages_with_shared_context:
            # The selection shown as this message's quote already reaches the model through
            # its shared-context item; sending it twice would double a 20,000-character text.
            item = item.model_copy(update={"quoted_text": None})
        # A quote belongs to its message on every turn, not only while it is the newest.
        return await super().user_message_to_input(item, is_last_message=True)

    async def attachment_to_message_content(
        self, attachment: Attachment
    ) -> ResponseInputContentParam:
        return await attachment_part(attachment, self._attachment_files, self._api)

    async def assistant_message_to_input(
        self, item: AssistantMessageItem
    ) -> TResponseInputItem | list[TResponseInputItem] | None:
        # Plain text, not ``output_text`` parts: the Agents SDK's Chat Completions converter
        # rejects those on the second turn ("Unknown content"), and Responses accepts both.
        return {
            "type": "message",
            "role": "assistant",
            "content": "".join(part.text for part in item.content),
        }

    async def tag_to_message_content(self, tag: UserMessageTagContent) -> ResponseInputContentParam:
        # Only conversations can be tagged (the page's @-menu offers threads).
        if self._tagged_threads is None:
            return {"type": "input_text", "text": f"The user tagged “{tag.text}”."}
        return {"type": "input_text", "text": await self._tagged_threads.describe(tag)}

    async def hidden_context_to_input(
        self, item: HiddenContextItem
    ) -> TResponseInputItem | list[TResponseInputItem] | None:
        if is_pending_run_item(item):
            return None  # a run waiting for the user's approval: bookkeeping, not context
        record = shared_context_record(item)
        if record is None:
            return await super().hidden_context_to_input(item)
        return {"type": "message", "role": "user", "content": describe_for_model(record)}

    async def widget_to_input(
        self, item: WidgetItem
    ) -> TResponseInputItem | list[TResponseInputItem] | None:
        # The Copy and Insert buttons are ours, not something the model showed the user.
        if is_answer_actions(item):
            return None
        if is_conversation_hits(item) and item.copy_text:
            # What the search found, as the model read it then; not the widget's JSON.
            text = f"Your search_conversations call showed the user:\n{item.copy_text}"
            return {"type": "message", "role": "user", "content": text}
        return await super().widget_to_input(item)
