"""Reading a database's schema version and bringing it up to the latest one."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from server.store.errors import ForeignDatabaseError, SchemaTooNewError
from server.store.progress import OpeningProgress, no_progress, upgrading
from server.store.schema import LATEST_VERSION, MIGRATIONS, MIGRATIONS_TABLE


def schema_version(connection: sqlite3.Connection, path: Path) -> int:
    """The version recorded in the database: 0 for one with nothing in it yet.

    Raises ``ForeignDatabaseError`` for a database that has tables but no record of ours, and
    ``SchemaTooNewError`` for one migrated further than this app knows.
    """
    has_record = connection.execute(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if has_record is None:
        other = connection.execute(
            "SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 5"
        ).fetchall()
        if other:
            names = ", ".join(name for (name,) in other)
            raise ForeignDatabaseError(
                f"{path} is a SQLite database, but not one of ChatKit Desktop's (it holds "
                f"{names}). It has not been changed. Move it away, or choose another data folder."
            )
        return 0
    (version,) = connection.execute(
        "SELECT coalesce(max(version), 0) FROM schema_migrations"
    ).fetchone()
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            f"the conversation database {path} has schema version {version}, written by a newer "
            f"ChatKit Desktop; this one supports versions up to {LATEST_VERSION}. It has not been "
            f"changed. Upgrade ChatKit Desktop to open it."
        )
    return int(version)


def migrate(
    connection: sqlite3.Connection,
    path: Path,
    on_progress: OpeningProgress = no_progress,
    until: int = LATEST_VERSION,
) -> list[int]:
    """Applies every migration the database lacks up to version ``until`` (the benchmark stops
    short of the latest), each in its own transaction; returns their versions. Another store
    opening the same file at the same moment is harmless: the version is read again under the
    write lock, so each migration runs once."""
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version > until:
            break
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(MIGRATIONS_TABLE)
            if schema_version(connection, path) >= migration.version:
                connection.execute("ROLLBACK")
                continue
            on_progress(upgrading(migration.description), None)
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                (migration.version, datetime.now(UTC).isoformat()),
            )
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
