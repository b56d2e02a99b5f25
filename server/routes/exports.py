"""Exports of one conversation or of all of them, as Markdown or JSON.

- ``GET /api/export?format=md|json[&thread_id=…][&include=attachments]``: the export as a
  download, for a browser (``chatkit-desktop serve``). ``include=attachments`` puts the
  attachments' bytes in a JSON export, in base64.
- ``POST /api/exports`` ``{"format", "thread_id"?, "include"?}``: the native window's way. Its
  web engine may drop downloads, so the app writes the file itself into the person's Downloads
  folder and answers 202 with the job at once; ``GET /api/exports/{id}`` tells how far it is, and
  ``POST /api/exports/{id}/open-folder`` shows the folder. Under ``serve`` these answer 409.

A job is ``{"id", "state": "running"|"done"|"failed", "progress": {"done", "total"}, "folder",
"path", "error"}``, counting conversations; ``path`` once done, ``error`` (a sentence) once
failed.
"""

from datetime import datetime
from typing import Annotated, Any

from chatkit.store import NotFoundError
from chatkit.types import ThreadMetadata
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from common.paths import downloads_dir
from server.export.attachments import ExportedAttachments
from server.export.formats import ExportFormat, export_filename, format_named
from server.export.jobs import ExportJob, ExportJobs
from server.export.walk import export_bytes
from server.http.folders import FolderNotOpened
from server.http.services import LOCAL_USER_ID, AppServices, Services
from server.routes.window import Window
from server.store.request_context import RequestContext

router = APIRouter(prefix="/api")

INCLUDE_ATTACHMENTS = "attachments"


class ExportRequest(BaseModel):
    format: str
    thread_id: str | None = None
    include: str | None = None


def _jobs(request: Request) -> ExportJobs:
    # Made with the app (``create_app``): jobs live as long as the server.
    jobs: ExportJobs = request.app.state.export_jobs
    return jobs


Jobs = Annotated[ExportJobs, Depends(_jobs)]


def _context() -> RequestContext:
    return RequestContext(user_id=LOCAL_USER_ID)


@router.get("/export")
async def download_export(
    app: AppServices,
    export_format: Annotated[str, Query(alias="format")],
    thread_id: str | None = None,
    include: str | None = None,
) -> StreamingResponse:
    """Read page by page as the download goes."""
    chosen = _format(export_format)
    attachments = _attachments(app, include)
    single = None if thread_id is None else await _thread(app, thread_id)
    now = datetime.now()
    filename = export_filename(single, chosen.extension, now)
    return StreamingResponse(
        export_bytes(app.store, _context(), chosen, single, now, attachments),
        media_type=chosen.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.post("/exports", status_code=202)
async def start_export(
    body: ExportRequest, app: AppServices, jobs: Jobs, _window: Window
) -> dict[str, Any]:
    chosen = _format(body.format)
    context = _context()
    if body.thread_id is None:
        single, total = None, await app.store.count_threads(context)
    else:
        single, total = await _thread(app, body.thread_id), 1
    # Looked up at each export: the person may have moved their Downloads folder meanwhile.
    folder = await run_in_threadpool(downloads_dir)
    now = datetime.now()
    job = jobs.new_job(folder, export_filename(single, chosen.extension, now), total)
    attachments = _attachments(app, body.include)
    jobs.start(
        job, export_bytes(app.store, context, chosen, single, now, attachments, job.thread_read)
    )
    return job.as_json()


@router.get("/exports/{job_id}")
async def read_export(job_id: str, jobs: Jobs) -> dict[str, Any]:
    return _job(jobs, job_id).as_json()


@router.post("/exports/{job_id}/open-folder")
async def open_export_folder(job_id: str, jobs: Jobs, window: Window) -> dict[str, str]:
    job = _job(jobs, job_id)
    if job.path is None:
        raise HTTPException(status_code=409, detail="this export has not been saved")
    try:
        await run_in_threadpool(window.open_folder, job.path.parent)
    except FolderNotOpened as error:
        # Nothing wrong with the request: this system has no way to show the folder now.
        raise HTTPException(status_code=503, detail=str(error)) from error
    return {"folder": str(job.path.parent)}


def _attachments(app: Services, include: str | None) -> ExportedAttachments:
    if include not in (None, "", INCLUDE_ATTACHMENTS):
        raise HTTPException(
            status_code=400, detail=f"include must be {INCLUDE_ATTACHMENTS} or left out"
        )
    return ExportedAttachments(app.attachments.files, include_bytes=include == INCLUDE_ATTACHMENTS)


def _format(name: str) -> ExportFormat:
    try:
        return format_named(name)
    except ValueError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error


async def _thread(app: Services, thread_id: str) -> ThreadMetadata:
    try:
        return await app.store.load_thread(thread_id, _context())
    except NotFoundError as error:
        raise HTTPException(status_code=404, detail=f"no conversation {thread_id}") from error


def _job(jobs: ExportJobs, job_id: str) -> ExportJob:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=f"no export {job_id}")
    return job
