"""The offline mirror: threads this installation's user has at OpenAI's hosted ChatKit, copied
into the local store as read-only threads (marked in ``metadata["hosted"]``, locked), so the
built-in view, search and export include them.

Incremental: the thread list is read whole (it is small and the only way to learn of new,
renamed and deleted threads), but items are asked for only after the last one already copied,
and only for threads that are new or named as changed (the thread a response just ended in);
a full pass (at start) asks each thread for what came after its last copied item. A thread gone
at OpenAI is marked deleted, never removed: that is the user's choice to make here. A thread the
user deleted here stays deleted (``MirroredIds``).
"""

import asyncio
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from chatkit.store import NotFoundError
from chatkit.types import LockedStatus, ThreadItem, ThreadMetadata

from server.hosted.hosted_marker import HOSTED_METADATA_KEY, hosted_marker
from server.hosted.hosted_user import hosted_user_id
from server.hosted.item_conversion import converted_item, moment
from server.hosted.mirrored_ids import MIRRORED_IDS_FILE, MirroredIds
from server.hosted.openai_access import (
    HostedError,
    hosted_base_url,
    hosted_client,
    in_words,
    workflow_of,
)
from server.settings.settings_file import SettingsFile
from server.store import SQLiteStore
from server.store.request_context import RequestContext

logger = logging.getLogger(__name__)

PAGE_SIZE = 100
LOCKED_REASON = "A copy of a conversation hosted by your Agent Builder workflow: read-only here."


@dataclass
class SyncReport:
    threads_added: int = 0
    threads_updated: int = 0
    items_added: int = 0
    threads_marked_deleted: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "threads_added": self.threads_added,
            "threads_updated": self.threads_updated,
            "items_added": self.items_added,
            "threads_marked_deleted": self.threads_marked_deleted,
        }


class HostedMirror:
    def __init__(
        self,
        store: SQLiteStore,
        settings_file: SettingsFile,
        read_api_key: Callable[[], str | None],
        user_id: str,
    ) -> None:
        self._store = store
        self._settings_file = settings_file
        self._read_api_key = read_api_key
        self._context = RequestContext(user_id=user_id, shared_context=None)
        self._mirrored = MirroredIds(settings_file.path.parent / MIRRORED_IDS_FILE)
        # One pass at a time: two would fetch the same items and race on the marks.
        self._running = asyncio.Lock()
        self._started_once = False
        self._background: set[asyncio.Task[None]] = set()

    def start_once(self) -> None:
        """A full pass in the background, the first time only (the app's start in workflow
        mode); its failure is logged, since the page did not ask for it."""
        if self._started_once:
            return
        self._started_once = True
        task = asyncio.create_task(self._quiet_full_pass(), name="hosted-mirror-start")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _quiet_full_pass(self) -> None:
        try:
            report = await self.sync()
        except HostedError as error:
            logger.info("hosted threads not mirrored at start: %s", error.message)
        else:
            logger.info("hosted threads mirrored at start: %s", report.as_json())

    async def sync(self, changed_thread_ids: Iterable[str] | None = None) -> SyncReport:
        """Copies what is new. ``changed_thread_ids``: only these known threads are asked for
        new items (None: every thread). Raises ``HostedError``."""
        changed = None if changed_thread_ids is None else set(changed_thread_ids)
        async with self._running:
            settings = await asyncio.to_thread(self._settings_file.load)
            workflow_id = workflow_of(settings)
            user = await asyncio.to_thread(hosted_user_id, self._settings_file, settings)
            client = await hosted_client(settings, self._read_api_key, hosted_base_url(os.environ))
            report = SyncReport()
            mirrored = await asyncio.to_thread(self._mirrored.load)
            known = frozenset(mirrored)
            try:
                async with client:
                    remote = [
                        thread
                        async for thread in client.beta.chatkit.threads.list(
                            user=user, limit=PAGE_SIZE, order="asc"
                        )
                    ]
                    for thread in remote:
                        if await self._copy_thread(client, thread, user, changed, mirrored, report):
                            mirrored.add(thread.id)
            except HostedError:
                raise
            except Exception as error:
                raise in_words(error, workflow_id) from None
            finally:
                if mirrored != known:
                    await asyncio.to_thread(self._mirrored.save, mirrored)
            await self._mark_deleted(mirrored - {thread.id for thread in remote}, user, report)
            return report

    async def _copy_thread(
        self,
        client: Any,
        remote: Any,
        user: str,
        changed: set[str] | None,
        mirrored: set[str],
        report: SyncReport,
    ) -> bool:
        """Copies what is new in ``remote``; False when it is not to be mirrored at all."""
        try:
            local: ThreadMetadata | None = await self._store.load_thread(remote.id, self._context)
        except NotFoundError:
            local = None
        if local is None and remote.id in mirrored:
            return False  # deleted here by the user
        marker = hosted_marker(local) if local is not None else None
        if local is not None and marker is None:
            logger.warning("hosted thread %s has a local namesake; not mirrored", remote.id)
            return False
        last_item_id = marker.get("last_item_id") if marker else None
        wanted = local is None or changed is None or remote.id in changed
        items = await self._new_items(client, remote.id, last_item_id) if wanted else []
        # The mark keeps the last item copied before this pass until every new one is in: an
        # add that fails part-way leaves the rest to be asked for again next time.
        mark = {"user": user, "last_item_id": last_item_id, "deleted": False}
        thread = ThreadMetadata(
            id=remote.id,
            title=remote.title,
            created_at=moment(remote.created_at),
            status=LockedStatus(reason=LOCKED_REASON),
            metadata={HOSTED_METADATA_KEY: mark},
        )
        is_new = local is None
        if local is None:  # saved first: its items need it
            await self._store.save_thread(thread, self._context)
            report.threads_added += 1
            mirrored.add(thread.id)  # kept out if the user deletes it, even should this pass fail
            local, marker = thread, mark
        try:
            for hosted in items:
                item = self._converted(hosted)
                if item is not None:
                    await self._store.add_thread_item(thread.id, item, self._context)
                    report.items_added += 1
        except NotFoundError:
            return True  # deleted here by the user while its items were being copied
        final_mark = {**mark, "last_item_id": items[-1].id if items else last_item_id}
        if local.title != thread.title or marker != final_mark:
            thread.metadata = {HOSTED_METADATA_KEY: final_mark}
            if await self._save_if_still_here(thread) and not is_new:
                report.threads_updated += 1
        return True

    async def _save_if_still_here(self, thread: ThreadMetadata) -> bool:
        """Saves ``thread`` unless the user deleted it here meanwhile: ``save_thread`` is an
        upsert and would bring it back. A delete that lands between this load and the save can
        still be undone; closing that window needs an update-only call in the store."""
        try:
            await self._store.load_thread(thread.id, self._context)
        except NotFoundError:
            return False
        await self._store.save_thread(thread, self._context)
        return True

    @staticmethod
    def _converted(hosted: Any) -> ThreadItem | None:
        """The store's item, or None (with a warning that quotes no text) for one that cannot
        be read: one odd item should not stop the rest of the mirror."""
        try:
            return converted_item(hosted)
        except (AttributeError, TypeError, ValueError) as error:
            logger.warning(
                "hosted item %s of thread %s skipped: it could not be read (%s)",
                getattr(hosted, "id", "?"),
                getattr(hosted, "thread_id", "?"),
                type(error).__name__,
            )
            return None

    async def _new_items(self, client: Any, thread_id: str, after: str | None) -> list[Any]:
        """The thread's items after ``after``, oldest first; all of them if ``after`` is gone
        at OpenAI (the upserts make copying one twice harmless)."""
        import openai

        pages = client.beta.chatkit.threads.list_items
        try:
            return [
                item
                async for item in pages(
                    thread_id, limit=PAGE_SIZE, order="asc", **({"after": after} if after else {})
                )
            ]
        except (openai.NotFoundError, openai.BadRequestError):
            if after is None:
                raise
            return [item async for item in pages(thread_id, limit=PAGE_SIZE, order="asc")]

    async def _mark_deleted(self, gone: set[str], user: str, report: SyncReport) -> None:
        """Marks the mirrored threads in ``gone`` (no longer at OpenAI) as deleted there; the
        ids the mirror copied are the only ones looked up, however many local threads exist."""
        for thread_id in sorted(gone):
            try:
                thread = await self._store.load_thread(thread_id, self._context)
            except NotFoundError:
                continue  # deleted here too
            marker = hosted_marker(thread)
            if marker is None or marker.get("user") != user or marker.get("deleted"):
                continue
            thread.metadata = {
                **thread.metadata,
                HOSTED_METADATA_KEY: {**marker, "deleted": True},
            }
            if await self._save_if_still_here(thread):
                report.threads_marked_deleted += 1
