"""Where attachments' bytes live: ``<data dir>/attachments/<attachment id>``, never under the
name the user's file had. A file is written beside its final name, flushed to the disk and only
then renamed, so a crash mid-upload leaves a temporary file (removed at the next start), never a
half file under an attachment's name."""

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

FOLDER_NAME = "attachments"
TEMPORARY_PREFIX = ".upload-"
# Ids come from the store (``atc_`` and hex); anything else must never become a path.
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


@dataclass(frozen=True)
class StoredFile:
    path: Path
    size: int
    sha256: str


class AttachmentFiles:
    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / FOLDER_NAME

    def path_for(self, attachment_id: str) -> Path:
        if not _SAFE_ID.match(attachment_id):
            raise ValueError(f"not an attachment id: {attachment_id[:40]!r}")
        return self.folder / attachment_id

    def write(self, attachment_id: str, chunks: Iterable[bytes]) -> StoredFile:
        """Blocking. Replaces nothing half-way: the file appears whole or not at all."""
        final = self.path_for(attachment_id)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=self.folder)
        digest, size = hashlib.sha256(), 0
        try:
            with os.fdopen(descriptor, "wb") as file:
                for chunk in chunks:
                    file.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, final)
            _sync_folder(self.folder)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        return StoredFile(final, size, digest.hexdigest())

    def read_bytes(self, attachment_id: str) -> bytes:
        """Blocking."""
        return self.path_for(attachment_id).read_bytes()

    def delete(self, attachment_id: str) -> None:
        """Blocking; a file that is not there is already deleted."""
        with contextlib.suppress(FileNotFoundError):
            self.path_for(attachment_id).unlink()

    def remove_unnamed(self, named: Iterable[str], modified_before: float) -> None:
        """Blocking. Files no record names, last changed before ``modified_before`` (epoch
        seconds): a crash came between a record's delete and its file's. Uploads under way
        are temporary files and stay."""
        if not self.folder.is_dir():
            return
        keep = set(named)
        for path in self.folder.iterdir():
            if path.name.startswith(TEMPORARY_PREFIX) or path.name in keep:
                continue
            with contextlib.suppress(FileNotFoundError):
                old = path.is_file() and path.stat().st_mtime < modified_before
                if _SAFE_ID.match(path.name) and old:
                    path.unlink()

    def delete_all(self, attachment_ids: Iterable[str]) -> None:
        """Blocking."""
        for attachment_id in attachment_ids:
            self.delete(attachment_id)

    def remove_leftover_uploads(self) -> None:
        """Temporary files of uploads a crash cut short."""
        if not self.folder.is_dir():
            return
        for leftover in self.folder.glob(f"{TEMPORARY_PREFIX}*"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _sync_folder(folder: Path) -> None:
    """The rename itself is on the disk before the record that names the file is written."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
