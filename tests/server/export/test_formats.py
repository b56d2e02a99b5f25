"""Export file names and the chunking of what a download streams."""

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from chatkit.types import ThreadMetadata

from server.export.formats import encoded, export_filename

NOW = datetime(2025, 6, 2, 14, 5, 9)
STARTED = datetime(2025, 3, 1, 9, 30)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Trip to Lisbon", "chatkit-trip-to-lisbon-2025-03-01.md"),
        ("Crème brûlée — recipe?", "chatkit-creme-brulee-recipe-2025-03-01.md"),
        ('"; rm -rf / ; echo "', "chatkit-rm-rf-echo-2025-03-01.md"),
        ("日本語のタイトル", "chatkit-conversation-2025-03-01.md"),
        (None, "chatkit-conversation-2025-03-01.md"),
        ("x" * 100, f"chatkit-{'x' * 48}-2025-03-01.md"),
    ],
)
def test_a_thread_file_is_named_by_its_title_and_day(title: str | None, name: str) -> None:
    thread = ThreadMetadata(id="thr_1", title=title, created_at=STARTED)

    assert export_filename(thread, "md", NOW) == name


def test_the_whole_history_is_named_by_the_moment_of_export() -> None:
    assert export_filename(None, "json", NOW) == "chatkit-conversations-2025-06-02-140509.json"


async def test_small_pieces_are_sent_together_and_nothing_is_lost() -> None:
    async def pieces() -> AsyncIterator[str]:
        for number in range(100):
            yield f"piece {number} é\n"

    chunks = [chunk async for chunk in encoded(pieces(), chunk_bytes=500)]

    assert len(chunks) < 10
    assert all(len(chunk) >= 500 for chunk in chunks[:-1])
    assert b"".join(chunks).decode() == "".join(f"piece {number} é\n" for number in range(100))
