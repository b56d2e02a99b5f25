"""``chatkit-desktop export [--format md|json] [--thread ID] [-o PATH]``: the conversations, or
one, written to a file straight from the profile's database, read-only, so it works whether or
not the app is running. Prints the file's path.

Without ``-o`` the file goes to the Downloads folder under a name no other file has; ``-o`` an
existing folder puts it there the same way; any other ``-o`` is the file to write, replaced if
it exists. The file appears only once complete.
"""

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path

from chatkit.store import NotFoundError
from chatkit.types import ThreadMetadata

from common.paths import data_dir, database_path, downloads_dir
from server.attachments.files import AttachmentFiles
from server.export.attachments import ExportedAttachments
from server.export.export_file import ExportNotWritten, write_export
from server.export.formats import ExportFormat, export_filename, format_named
from server.export.walk import export_bytes
from server.http.services import LOCAL_USER_ID
from server.store.errors import StoreError
from server.store.read_only_history import ReadOnlyHistory
from server.store.request_context import RequestContext


def run(args: argparse.Namespace) -> int:
    chosen = format_named(args.format)
    folder, filename = _destination(args.output)
    try:
        with ReadOnlyHistory(database_path(data_dir(args.data_dir))) as history:
            written = asyncio.run(_export(history, chosen, args.thread, folder, filename))
    except (StoreError, ExportNotWritten) as error:
        print(f"chatkit-desktop: {error}", file=sys.stderr)
        return 1
    except NotFoundError:
        print(f"chatkit-desktop: there is no conversation {args.thread}", file=sys.stderr)
        return 1
    print(written)
    return 0


def _destination(output: str | None) -> tuple[Path, str | None]:
    """The folder, and the file name when ``-o`` named one (None: the export's own name)."""
    if output is None:
        return downloads_dir(), None
    target = Path(output).expanduser().absolute()
    if target.is_dir():
        return target, None
    return target.parent, target.name


async def _export(
    history: ReadOnlyHistory,
    chosen: ExportFormat,
    thread_id: str | None,
    folder: Path,
    filename: str | None,
) -> Path:
    context = RequestContext(user_id=LOCAL_USER_ID)
    single: ThreadMetadata | None = None
    if thread_id is not None:
        single = await history.load_thread(thread_id, context)
    now = datetime.now()
    # The database sits in the data folder, beside the attachments' files.
    attachments = ExportedAttachments(AttachmentFiles(history.path.parent))
    chunks = export_bytes(history, context, chosen, single, now, attachments)
    if filename is None:
        return await write_export(chunks, folder, export_filename(single, chosen.extension, now))
    return await write_export(chunks, folder, filename, replace=True)
