"""Full-text search over one user's items, best matches first, with highlighted snippets."""

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from pydantic import TypeAdapter

from server.store.search_query import parse_query
from server.store.snippets import snippet_of

# Ranking every match of a word found in most items would cost time in proportion to the whole
# history. So the newest matches, up to this many, are ranked by relevance (bm25): all of them
# for any rare enough word, and for a common one the most relevant of the recent ones.
RANKED_CANDIDATES = 1000
MAX_HITS = 100

# CROSS JOIN fixes the join order: the index's matches drive, newest first, stopping after
# RANKED_CANDIDATES of this user's; then only the best few are read in full.
SEARCH_SQL = """
WITH candidates AS (
    SELECT items_fts.rowid AS seq, bm25(items_fts) AS score
    FROM items_fts
    CROSS JOIN items ON items.seq = items_fts.rowid
    CROSS JOIN threads ON threads.seq = items.thread_seq
    WHERE items_fts MATCH :query AND threads.user_id = :user_id
    ORDER BY items_fts.rowid DESC
    LIMIT :candidates
),
best AS (
    SELECT seq, score FROM candidates ORDER BY score, seq DESC LIMIT :limit
)
SELECT
    threads.id,
    items.id,
    items.text,
    json_extract(threads.data, '$.title'),
    json_extract(items.data, '$.created_at'),
    json_extract(items.data, '$.type')
FROM best
CROSS JOIN items ON items.seq = best.seq
CROSS JOIN threads ON threads.seq = items.thread_seq
ORDER BY best.score, best.seq DESC
"""

_DATETIME: TypeAdapter[datetime] = TypeAdapter(datetime)
# Who wrote a hit, from its item's type: the person, the model, or neither (a task, a widget).
_ROLES = {"user_message": "user", "assistant_message": "assistant"}


@dataclass(frozen=True)
class SearchHit:
    thread_id: str
    item_id: str
    # The matching passage, each matched word between HIGHLIGHT_START and HIGHLIGHT_END.
    snippet: str
    thread_title: str | None
    # The item's own created_at, exactly as stored.
    created_at: datetime
    # "user" for the person's message, "assistant" for an answer, "other" for anything else.
    role: str


def search_items(
    connection: sqlite3.Connection, user_id: str, text: str, limit: int
) -> list[SearchHit]:
    query = parse_query(text)
    if query is None or limit < 1:
        return []
    rows = connection.execute(
        SEARCH_SQL,
        {
            "query": query.expression,
            "user_id": user_id,
            "candidates": RANKED_CANDIDATES,
            "limit": min(limit, MAX_HITS),
        },
    ).fetchall()
    return [
        SearchHit(
            thread_id=thread_id,
            item_id=item_id,
            snippet=snippet_of(item_text, query),
            thread_title=title,
            created_at=_DATETIME.validate_python(created_at),
            role=_ROLES.get(item_type, "other"),
        )
        for thread_id, item_id, item_text, title, created_at, item_type in rows
    ]
