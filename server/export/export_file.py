"""An export written to a file by the app itself, for the native window (whose web engine may
drop downloads) and for ``chatkit-desktop export``.

The bytes go to a hidden temporary file in the destination folder and take their final name only
once all of them are on the disk, so a failure part-way (a full disk, a folder that cannot be
written, a conversation deleted under the export) leaves nothing under that name, and the
temporary file is removed. A new file never replaces another: ``name.md`` is taken, so
``name (2).md``.
"""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import BinaryIO

PARTIAL_SUFFIX = ".part"
# Far more exports of one conversation on one day than anyone keeps; past it, something is wrong.
MAX_NUMBERED_NAMES = 10_000


class ExportNotWritten(Exception):
    """Why the export is not in its folder, in a sentence that names the folder."""


def numbered_names(filename: str) -> Iterator[str]:
    """``name.md``, then ``name (2).md``, ``name (3).md``…"""
    stem, dot, extension = filename.rpartition(".")
    if not stem:
        stem, dot, extension = filename, "", ""
    yield filename
    for number in range(2, MAX_NUMBERED_NAMES + 1):
        yield f"{stem} ({number}){dot}{extension}"


async def write_export(
    chunks: AsyncIterator[bytes], folder: Path, filename: str, *, replace: bool = False
) -> Path:
    """Writes ``chunks`` into ``folder`` (created if missing) under ``filename``, or the first
    free numbered name; with ``replace``, under ``filename`` whatever was there. Returns the
    file's path. Raises ``ExportNotWritten`` when the disk refuses; whatever ``chunks`` raises
    passes through. Either way nothing is left behind."""
    try:
        await asyncio.to_thread(_make_folder, folder)
        descriptor, temporary_name = await asyncio.to_thread(
            tempfile.mkstemp, prefix=f".{filename}.", suffix=PARTIAL_SUFFIX, dir=folder
        )
    except OSError as error:
        raise ExportNotWritten(_not_saved(folder, error)) from error
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            async for chunk in chunks:
                await asyncio.to_thread(file.write, chunk)
            await asyncio.to_thread(_flush_to_disk, file)
        if replace:
            final = folder / filename
            await asyncio.to_thread(os.replace, temporary, final)
            return final
        return await asyncio.to_thread(_rename_to_free_name, temporary, folder, filename)
    except OSError as error:
        _discard(temporary)
        raise ExportNotWritten(_not_saved(folder, error)) from error
    except BaseException:
        # Cancelled (the app is quitting) or the history could not be read. Removed here, not
        # on a worker thread: a cancelled task may not get to wait for one.
        _discard(temporary)
        raise


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        # mkdir's own words for this, "File exists", would not tell anyone what to fix.
        raise NotADirectoryError(f"{folder} is a file, not a folder") from error


def _discard(temporary: Path) -> None:
    temporary.unlink(missing_ok=True)


def _flush_to_disk(file: BinaryIO) -> None:
    file.flush()
    os.fsync(file.fileno())


def _rename_to_free_name(temporary: Path, folder: Path, filename: str) -> Path:
    for name in numbered_names(filename):
        final = folder / name
        try:
            # Claimed first, for an instant empty: a plain rename would replace a file of the
            # same name that appeared since it was looked for.
            final.open("x").close()
        except FileExistsError:
            continue
        try:
            os.replace(temporary, final)
        except OSError:
            final.unlink(missing_ok=True)
            raise
        return final
    raise FileExistsError(f"every name from {filename} on is taken")


def _not_saved(folder: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"The export could not be saved in {folder}: {reason}. Nothing was written."
