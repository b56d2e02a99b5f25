"""Every version of the database schema, as the list of migrations that builds it.

Append only: a released migration is never edited, since databases out there already ran it;
a change is a new migration at the end. Each is applied in one transaction.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        description="threads, items and attachments",
        statements=(
            # seq is the insertion order: it breaks ties between equal created_at, so pages are
            # stable; created_key is created_at in microseconds. Rows are owned through user_id,
            # so one user's ids can never reach another's rows.
            """
            CREATE TABLE threads (
                seq INTEGER PRIMARY KEY,
                user_id TEXT NOT NULL,
                id TEXT NOT NULL,
                created_key INTEGER NOT NULL,
                data TEXT NOT NULL,
                UNIQUE (user_id, id)
            )
            """,
            # With seq (the rowid) implied at its end, this index is the ORDER BY of a page.
            "CREATE INDEX threads_by_user_created ON threads (user_id, created_key)",
            """
            CREATE TABLE items (
                seq INTEGER PRIMARY KEY,
                thread_seq INTEGER NOT NULL REFERENCES threads (seq) ON DELETE CASCADE,
                id TEXT NOT NULL,
                created_key INTEGER NOT NULL,
                data TEXT NOT NULL,
                text TEXT NOT NULL,
                UNIQUE (thread_seq, id)
            )
            """,
            "CREATE INDEX items_by_thread_created ON items (thread_seq, created_key)",
            """
            CREATE TABLE attachments (
                user_id TEXT NOT NULL,
                id TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (user_id, id)
            ) WITHOUT ROWID
            """,
        ),
    ),
    Migration(
        version=2,
        description="full-text search over the visible text of items",
        statements=(
            # External content: the text lives once, in items. Prefix indexes of 2 and 3
            # characters make the search-as-you-type prefixes cheap.
            """
            CREATE VIRTUAL TABLE items_fts USING fts5 (
                text,
                content = 'items',
                content_rowid = 'seq',
                tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M* So'",
                prefix = '2 3'
            )
            """,
            """
            CREATE TRIGGER items_fts_after_insert AFTER INSERT ON items BEGIN
                INSERT INTO items_fts (rowid, text) VALUES (new.seq, new.text);
            END
            """,
            """
            CREATE TRIGGER items_fts_after_delete AFTER DELETE ON items BEGIN
                INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.seq, old.text);
            END
            """,
            """
            CREATE TRIGGER items_fts_after_update AFTER UPDATE OF text ON items BEGIN
                INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', old.seq, old.text);
                INSERT INTO items_fts (rowid, text) VALUES (new.seq, new.text);
            END
            """,
            "INSERT INTO items_fts (items_fts) VALUES ('rebuild')",
        ),
    ),
    Migration(
        version=3,
        description="threads ordered by their last activity",
        statements=(
            # updated_key: the created_key of the thread's newest item, or its own while it
            # has none (the later of the two), kept by the writer (thread_activity.py).
            "ALTER TABLE threads ADD COLUMN updated_key INTEGER NOT NULL DEFAULT 0",
            # One pass over threads; each subquery is one seek to the end of the thread's range
            # in items_by_thread_created, so the cost follows the threads, not the items.
            """
            UPDATE threads SET updated_key = max(
                created_key,
                coalesce(
                    (SELECT max(items.created_key) FROM items WHERE items.thread_seq = threads.seq),
                    created_key
                )
            )
            """,
            # No query orders threads by creation any more.
            "DROP INDEX threads_by_user_created",
            # With seq (the rowid) implied at its end, this index is the ORDER BY of a page.
            "CREATE INDEX threads_by_user_updated ON threads (user_id, updated_key)",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
