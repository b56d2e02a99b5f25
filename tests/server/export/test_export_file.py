"""An export written to a file on the real disk: the folder made when missing, a new name beside
files already there, and nothing left behind, under the final name or as the temporary file,
when the folder cannot be written or the export breaks off."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from server.export.export_file import ExportNotWritten, numbered_names, write_export


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Empty: the autouse fixture's home and data folders are beside it."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def breaking_off(after: bytes) -> AsyncIterator[bytes]:
    yield after
    raise RuntimeError("the history could not be read")


def test_numbered_names_keep_the_extension() -> None:
    names = numbered_names("chatkit-talk-2025-03-01.md")
    assert [next(names) for _ in range(3)] == [
        "chatkit-talk-2025-03-01.md",
        "chatkit-talk-2025-03-01 (2).md",
        "chatkit-talk-2025-03-01 (3).md",
    ]
    assert list(numbered_names("notes"))[:2] == ["notes", "notes (2)"]


async def test_the_folder_is_made_and_the_file_complete(tmp_path: Path) -> None:
    folder = tmp_path / "home" / "Downloads"

    written = await write_export(chunks(b"# one\n", b"two\n"), folder, "talk.md")

    assert written == folder / "talk.md"
    assert written.read_bytes() == b"# one\ntwo\n"
    assert names(folder) == ["talk.md"]


async def test_an_existing_name_is_never_replaced(folder: Path) -> None:
    (folder / "talk.md").write_text("mine")

    second = await write_export(chunks(b"second"), folder, "talk.md")
    third = await write_export(chunks(b"third"), folder, "talk.md")

    assert (second.name, third.name) == ("talk (2).md", "talk (3).md")
    assert (folder / "talk.md").read_text() == "mine"
    assert second.read_text() == "second"
    assert third.read_text() == "third"


async def test_replace_writes_the_named_file_over_the_old_one(folder: Path) -> None:
    (folder / "out.json").write_text("old")

    written = await write_export(chunks(b"new"), folder, "out.json", replace=True)

    assert written == folder / "out.json"
    assert written.read_text() == "new"
    assert names(folder) == ["out.json"]


async def test_a_file_where_the_folder_should_be_is_said_and_nothing_written(
    folder: Path,
) -> None:
    downloads = folder / "Downloads"
    downloads.write_text("not a folder")

    with pytest.raises(ExportNotWritten) as refused:
        await write_export(chunks(b"text"), downloads, "talk.md")

    assert str(refused.value) == (
        f"The export could not be saved in {downloads}: {downloads} is a file, not a folder. "
        "Nothing was written."
    )
    assert downloads.read_text() == "not a folder"
    assert names(folder) == ["Downloads"]


async def test_an_export_that_breaks_off_leaves_no_file(folder: Path) -> None:
    with pytest.raises(RuntimeError):
        await write_export(breaking_off(b"x" * 100_000), folder, "talk.md")

    assert names(folder) == []
