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
