import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.attachments.files import AttachmentFiles


def test_a_write_is_whole_or_absent(tmp_path: Path) -> None:
    files = AttachmentFiles(tmp_path)

    def failing() -> Iterator[bytes]:
        yield b"half"
        raise RuntimeError("cut")

    with pytest.raises(RuntimeError):
        files.write("atc_1", failing())

    assert list(files.folder.iterdir()) == []
    stored = files.write("atc_1", [b"a", b"b"])
    assert stored.size == 2 and files.read_bytes("atc_1") == b"ab"


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "a\x00b", "x" * 200])
def test_ids_never_become_paths(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        AttachmentFiles(tmp_path).path_for(bad)


def test_old_unnamed_files_go_and_uploads_under_way_stay(tmp_path: Path) -> None:
    files = AttachmentFiles(tmp_path)
    files.write("atc_kept", [b"k"])
    files.write("atc_orphan", [b"o"])
    files.write("atc_just_made", [b"j"])
    (files.folder / ".upload-running").write_bytes(b"r")
    an_hour_ago = time.time() - 3600
    os.utime(files.folder / "atc_orphan", (an_hour_ago, an_hour_ago))

    files.remove_unnamed({"atc_kept"}, modified_before=time.time() - 60)

    assert sorted(p.name for p in files.folder.iterdir()) == [
        ".upload-running",
        "atc_just_made",
        "atc_kept",
    ]
    files.remove_leftover_uploads()
    files.delete_all(["atc_kept", "atc_just_made", "atc_never"])
    assert list(files.folder.iterdir()) == []
