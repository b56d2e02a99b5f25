"""Databases as earlier releases left them, from the frozen SQL dumps in ``fixtures/``."""

import sqlite3
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def database_at(version: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript((FIXTURES / f"schema_v{version}.sql").read_text())
    connection.close()
    return path


def recorded_versions(path: Path) -> list[int]:
    connection = sqlite3.connect(path)
    try:
        return [v for (v,) in connection.execute("SELECT version FROM schema_migrations")]
    finally:
        connection.close()


def with_many_items(path: Path, items: int) -> Path:
    """Adds ``items`` messages, each with words of its own, to the other user's thread of the
    version-1 database at ``path``: real work for a backup and for building the search index,
    about 4.5 µs of it per item here. Added inside SQLite, so a million take about 2 s."""
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            """
            INSERT INTO items (thread_seq, id, created_key, data, text)
            WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            SELECT 3, 'msg_many_' || i, 1738483202000000 + i,
                json_object('id', 'msg_many_' || i, 'thread_id', 'thr_v1_other',
                    'created_at', '2025-02-02T08:00:02', 'type', 'assistant_message',
                    'content', json_array(json_object('annotations', json_array(),
                        'text', 'word ' || i, 'type', 'output_text'))),
                'word ' || i || ' ' || lower(hex(randomblob(16))) || ' '
                    || lower(hex(randomblob(16)))
            FROM n
            """,
            (items,),
        )
        connection.commit()
    finally:
        connection.close()
    return path
