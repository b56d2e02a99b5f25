"""Exports the app writes into files while the page watches: each runs as a task on the
server's event loop, counting the conversations it has read, and is kept for a while after it
ends so the page can read how it ended and open its folder."""

import asyncio
import logging
import secrets
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from chatkit.store import NotFoundError

from server.export.export_file import ExportNotWritten, write_export

logger = logging.getLogger(__name__)

# Only the page that started an export asks about it, and only until it ends.
KEPT_JOBS = 32
DELETED_DURING_EXPORT = (
    "A conversation was deleted while the export was being written, so it could not go on. "
    "Nothing was saved; export again."
)
UNEXPECTED_FAILURE = "The export failed unexpectedly. Nothing was saved; the log has the details."

State = Literal["running", "done", "failed"]


@dataclass
class ExportJob:
    id: str
    folder: Path
    filename: str
    total: int
    """Conversations to export, as counted when it started."""
    done: int = 0
    state: State = "running"
    path: Path | None = None
    error: str | None = None

    def thread_read(self) -> None:
        self.done += 1
        # Conversations created since the count are exported too.
        self.total = max(self.total, self.done)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "progress": {"done": self.done, "total": self.total},
            "folder": str(self.folder),
            "path": None if self.path is None else str(self.path),
            "error": self.error,
        }


class ExportJobs:
    """Used on the event loop only."""

    def __init__(self, kept: int = KEPT_JOBS) -> None:
        self._kept = kept
        self._jobs: OrderedDict[str, ExportJob] = OrderedDict()
        # Referenced here until done: the loop keeps only a weak reference to a task.
        self._tasks: set[asyncio.Task[None]] = set()

    def new_job(self, folder: Path, filename: str, total: int) -> ExportJob:
        job = ExportJob(secrets.token_hex(8), folder, filename, total)
        self._jobs[job.id] = job
        self._forget_old()
        return job

    def start(self, job: ExportJob, chunks: AsyncIterator[bytes]) -> None:
        task = asyncio.create_task(_run(job, chunks), name=f"export-{job.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def get(self, job_id: str) -> ExportJob | None:
        return self._jobs.get(job_id)

    def _forget_old(self) -> None:
        ended = [job.id for job in self._jobs.values() if job.state != "running"]
        for job_id in ended[: max(0, len(self._jobs) - self._kept)]:
            del self._jobs[job_id]


async def _run(job: ExportJob, chunks: AsyncIterator[bytes]) -> None:
    try:
        job.path = await write_export(chunks, job.folder, job.filename)
    except ExportNotWritten as error:
        job.error = str(error)
    except NotFoundError:
        job.error = DELETED_DURING_EXPORT
    except Exception:
        logger.exception("the export %s failed", job.id)
        job.error = UNEXPECTED_FAILURE
    job.state = "failed" if job.error is not None else "done"
