"""Benchmark of the SQLite conversation store, small against large.

    .venv/bin/python bench/store.py [--scale S]

Small: 10 threads holding 10 items. Large: 10,000 threads holding 1,000,000 items (times S),
one of them a long thread of 10,000 items (times S). The large database is built once at schema
version 2 (BASE_VERSION) and cached in bench/.cache/; each run upgrades a copy of it as the app
would (check, backup, each later migration, timed), and measures on the upgraded copy.
"""

import argparse
import asyncio
import bisect
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path

from chatkit.types import AssistantMessageContent, AssistantMessageItem, ThreadMetadata

from server.store import SQLiteStore
from server.store.backup import backups_of
from server.store.connections import open_connection
from server.store.migrations import migrate
from server.store.schema import LATEST_VERSION, MIGRATIONS, MIGRATIONS_TABLE
from server.store.sort_keys import created_sort_key

CACHE = Path(__file__).parent / ".cache"
# Bump when the generated data changes, so a cached database is rebuilt.
DATA_VERSION = 1
# The schema the large database is cached at: the migrations after it are timed at every run.
BASE_VERSION = 2
USER_ID = "local"
LONG_THREAD_ID = "thr_long"
# Equal pages at both sizes, so a difference is the history's doing; small enough that the
# small case's ten items make a first page and a separate last page.
PAGE_SIZE = 5
SAMPLES = 300
LIKE_SAMPLES_PER_QUERY = 1
SEARCH_SAMPLES_PER_QUERY = 5
HITS = 20
WARM_UP = 5
BENCH_WRITES_THREAD_ID = "thr_bench_writes"


@dataclass(frozen=True)
class User:
    user_id: str


USER = User(USER_ID)


@dataclass(frozen=True)
class Shape:
    name: str
    threads: int
    items: int
    long_thread_items: int


def large_shape(scale: float) -> Shape:
    return Shape(
        name=f"large-{scale:g}",
        threads=max(10, round(10_000 * scale)),
        items=max(10, round(1_000_000 * scale)),
        long_thread_items=max(PAGE_SIZE * 2, round(10_000 * scale)),
    )


SMALL = Shape(name="small", threads=10, items=10, long_thread_items=10)


FUNCTION_WORDS = (
    "the of and to a in is it you that for on with as this be are was i not or have by at "
    "but from they we can an your if what all will one do there so would more which about "
    "up out when my time like how some could them than then its now only into also just "
    "see other these any well way even new because good after very most make our need "
    "should first use work here where why over such through back much before right too "
    "may still try between each same both few while last might must never under again"
)
SYLLABLES = (
    "ka lo mi ne ru sa to vi zen dor pel qua rix bat fen gil hum jor lek mon nup ost pra sul "
    "tiv ux wen yal bre cho dri fla gro ish kel mar nor pin ques ron sta tel und var wis"
)


class TextGenerator:
    """Chat-like text: function words, a long Zipf tail of invented words, and numbers, so a
    search meets words found in most items, in a few thousand, and in a handful."""

    CONTENT_WORDS = 40_000

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        function_words = FUNCTION_WORDS.split()
        syllables = SYLLABLES.split()
        content: set[str] = set()
        while len(content) < self.CONTENT_WORDS:
            content.add("".join(self.random.choices(syllables, k=self.random.randint(2, 4))))
        content_words = sorted(content)
        self.random.shuffle(content_words)
        self.words = function_words + content_words
        function_weights = [1 / (rank + 2) for rank in range(len(function_words))]
        content_weights = [1 / (rank + 10) for rank in range(len(content_words))]
        # Half the words of a message are function words, as in English.
        scale = sum(function_weights) / sum(content_weights)
        weights = function_weights + [w * scale for w in content_weights]
        self.cumulative = list(accumulate(weights))

    def text(self, words: int) -> str:
        chosen = self.random.choices(self.words, cum_weights=self.cumulative, k=words)
        if self.random.random() < 0.3:
            chosen.append(str(self.random.randint(100_000, 999_999)))
        sentence_ends = set(range(self.random.randint(6, 14), words, self.random.randint(8, 16)))
        out: list[str] = []
        capital = True
        for index, word in enumerate(chosen):
            out.append(word.capitalize() if capital else word)
            capital = index in sentence_ends
            if capital:
                out[-1] += "."
        return " ".join(out) + "."


def thread_sizes(shape: Shape, generator: random.Random) -> tuple[list[int], int]:
    """Items per thread, the rest spread unevenly around the long thread; and its index."""
    others = shape.threads - 1
    rest = shape.items - shape.long_thread_items
    weights = [generator.paretovariate(1.5) for _ in range(others)]
    total = sum(weights)
    sizes = [int(rest * w / total) for w in weights]
    for index in range(rest - sum(sizes)):
        sizes[index % others] += 1
    middle = others // 2
    return [*sizes[:middle], shape.long_thread_items, *sizes[middle:]], middle


def build(path: Path, shape: Shape, version: int) -> None:
    """The schema at version 1, rows inserted in bulk, then the migrations up to ``version``,
    which index the text for search in one pass, exactly as an upgrade would."""
    generator = TextGenerator(seed=DATA_VERSION)
    connection = sqlite3.connect(path, isolation_level=None)
    # Speed over safety while building: a failed build is simply thrown away.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -262144")
    connection.execute("BEGIN")
    connection.execute(MIGRATIONS_TABLE)
    for statement in MIGRATIONS[0].statements:
        connection.execute(statement)
    connection.execute("INSERT INTO schema_migrations VALUES (1, 'bench')")
    start = datetime(2022, 1, 1, 8, 0)
    spacing = timedelta(days=3 * 365) / shape.threads
    sizes, long_index = thread_sizes(shape, generator.random)
    item_number = 0
    for thread_number, size in enumerate(sizes):
        thread_id = LONG_THREAD_ID if thread_number == long_index else f"thr_{thread_number:032x}"
        created = start + thread_number * spacing
        title = " ".join(generator.text(4).split()[:4]).rstrip(".")
        thread_json = json.dumps(
            {
                "title": title,
                "id": thread_id,
                "created_at": created.isoformat(),
                "status": {"type": "active"},
                "metadata": {},
            },
            separators=(",", ":"),
        )
        cursor = connection.execute(
            "INSERT INTO threads (user_id, id, created_key, data) VALUES (?, ?, ?, ?)",
            (USER_ID, thread_id, created_sort_key(created), thread_json),
        )
        thread_seq = cursor.lastrowid
        rows = []
        for index in range(size):
            item_id = f"msg_{item_number:032x}"
            item_number += 1
            item_created = created + timedelta(seconds=45 * index)
            by_user = index % 2 == 0
            text = generator.text(
                generator.random.randint(6, 40) if by_user else generator.random.randint(20, 150)
            )
            rows.append(
                (
                    thread_seq,
                    item_id,
                    created_sort_key(item_created),
                    item_json(item_id, thread_id, item_created, text, by_user),
                    text,
                )
            )
        connection.executemany(
            "INSERT INTO items (thread_seq, id, created_key, data, text) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    connection.execute("COMMIT")
    migrate(connection, path, until=version)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.close()


def item_json(item_id: str, thread_id: str, created: datetime, text: str, by_user: bool) -> str:
    """The JSON the SDK's TypeAdapter(ThreadItem) dumps, written directly: a million pydantic
    dumps would be most of the build."""
    common = {"id": item_id, "thread_id": thread_id, "created_at": created.isoformat()}
    if by_user:
        item = {
            **common,
            "type": "user_message",
            "content": [{"type": "input_text", "text": text}],
            "attachments": [],
            "inference_options": {},
        }
    else:
        item = {
            **common,
            "type": "assistant_message",
            "content": [{"annotations": [], "text": text, "type": "output_text"}],
        }
    return json.dumps(item, separators=(",", ":"), ensure_ascii=False)


def cached_database(shape: Shape) -> tuple[Path, float | None]:
    """The database for ``shape`` at ``BASE_VERSION`` and the seconds its build took (None when
    it was cached)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"store-{shape.name}-data{DATA_VERSION}-schema{BASE_VERSION}.db"
    if path.exists():
        return path, None
    partial = path.with_name(path.name + ".building")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    build(partial, shape, BASE_VERSION)
    partial.rename(path)
    return path, time.perf_counter() - started


def upgraded_copy(base: Path) -> tuple[Path, dict[str, float]]:
    """A copy of ``base`` opened by the store, which upgrades it to the latest schema as it
    would a user's database; and the seconds of each step of that opening. The copy is fresh
    from the OS cache, so these are warm-cache figures."""
    path = base.with_name(base.name.replace(f"-schema{BASE_VERSION}", "-upgraded"))
    path.unlink(missing_ok=True)
    shutil.copyfile(base, path)
    starts: dict[str, float] = {}

    def record(step: str, _fraction: float | None) -> None:
        starts.setdefault(step, time.perf_counter())

    SQLiteStore(path, on_progress=record).close()
    opened = time.perf_counter()
    for backup in backups_of(path):
        backup.unlink()
    # A step lasts until the next one starts; the last, until the store is open.
    ends = [*list(starts.values())[1:], opened]
    durations = zip(starts.items(), ends, strict=True)
    return path, {step: end - start for (step, start), end in durations}


@dataclass(frozen=True)
class Timing:
    p50: float
    p99: float
    samples: int


def timing(seconds: list[float]) -> Timing:
    ordered = sorted(seconds)
    p99_index = min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))
    return Timing(statistics.median(ordered) * 1000, ordered[p99_index] * 1000, len(ordered))


# Shares of the items that hold a query word, from a handful to half of them.
SEARCH_SHARES = (0.00001, 0.0001, 0.001, 0.01, 0.1, 0.5)


def search_queries(path: Path, generator: random.Random) -> list[str]:
    """Words from rare to common (by how many items hold them), their prefixes as typed, and
    pairs."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, items_fts, row)")
    terms = connection.execute("SELECT term, doc FROM temp.vocabulary WHERE length(term) > 3")
    by_count = sorted((doc, term) for term, doc in terms)
    connection.close()
    counts = [doc for doc, _ in by_count]
    words: list[str] = []
    for share in SEARCH_SHARES:
        wanted = max(3, round(counts[-1] * share))
        middle = min(len(by_count) - 2, max(2, bisect.bisect_left(counts, wanted)))
        words += [term for _, term in by_count[middle - 2 : middle + 2]]
    prefixes = [word[: generator.randint(3, max(3, len(word) - 1))] for word in words[::2]]
    pairs = [f"{generator.choice(words)} {generator.choice(words)}" for _ in range(8)]
    return words + prefixes + pairs


# One or two words, as the benchmark's queries have; a single word is given twice.
LIKE_SQL = """
    SELECT items.id FROM items JOIN threads ON threads.seq = items.thread_seq
    WHERE threads.user_id = ? AND items.text LIKE ? AND items.text LIKE ?
    ORDER BY items.seq DESC LIMIT ?
"""


def like_scan(connection: sqlite3.Connection, query: str) -> list[str]:
    words = query.split()
    first, second = words[0], words[-1]
    rows = connection.execute(LIKE_SQL, (USER_ID, f"%{first}%", f"%{second}%", HITS))
    return [row[0] for row in rows]


class Subject:
    """One database under test, opened through the store, with what its operations need."""

    def __init__(self, path: Path) -> None:
        started = time.perf_counter()
        self.store: SQLiteStore = SQLiteStore(path)
        self.open_seconds = time.perf_counter() - started
        self.reader = open_connection(path, query_only=True)
        generator = random.Random(7)
        long_ids = [
            row[0]
            for row in self.reader.execute(
                "SELECT items.id FROM items JOIN threads ON threads.seq = items.thread_seq "
                "WHERE threads.id = ? ORDER BY items.created_key, items.seq",
                (LONG_THREAD_ID,),
            )
        ]
        self.last_page_cursor = long_ids[-PAGE_SIZE - 1]
        by_activity = [
            row[0]
            for row in self.reader.execute(
                "SELECT id FROM threads WHERE user_id = ? ORDER BY updated_key, seq", (USER_ID,)
            )
        ]
        # A page from the middle of the list, as scrolling down (or up) the history asks.
        self.middle_thread = by_activity[len(by_activity) // 2]
        (largest_seq,) = self.reader.execute("SELECT max(seq) FROM items").fetchone()
        self.items = [
            self.reader.execute(
                "SELECT threads.id, items.id FROM items"
                " JOIN threads ON threads.seq = items.thread_seq WHERE items.seq >= ? LIMIT 1",
                (generator.randint(1, largest_seq),),
            ).fetchone()
            for _ in range(SAMPLES)
        ]
        self.queries = search_queries(path, generator)
        self.texts = TextGenerator(seed=99)

    def operations(self) -> dict[str, Callable[[int], Awaitable[object]]]:
        store = self.store
        return {
            "first page of threads": lambda _: store.load_threads(PAGE_SIZE, None, "desc", USER),
            "threads page after cursor, desc": lambda _: store.load_threads(
                PAGE_SIZE, self.middle_thread, "desc", USER
            ),
            "threads page after cursor, asc": lambda _: store.load_threads(
                PAGE_SIZE, self.middle_thread, "asc", USER
            ),
            "first page of the long thread": lambda _: store.load_thread_items(
                LONG_THREAD_ID, None, PAGE_SIZE, "asc", USER
            ),
            "last page of the long thread": lambda _: store.load_thread_items(
                LONG_THREAD_ID, self.last_page_cursor, PAGE_SIZE, "asc", USER
            ),
            "load_item": lambda n: store.load_item(*self.items[n % len(self.items)], USER),
            "add_thread_item": self.add_item,
            "search (FTS5)": lambda n: store.search(self.queries[n % len(self.queries)], USER),
            "LIKE '%word%' scan": self.like_scan,
        }

    async def add_item(self, number: int) -> None:
        item = AssistantMessageItem(
            id=f"msg_bench_{number}_{time.perf_counter_ns()}",
            thread_id=BENCH_WRITES_THREAD_ID,
            created_at=datetime.now(),
            content=[AssistantMessageContent(text=self.texts.text(80))],
        )
        await self.store.add_thread_item(BENCH_WRITES_THREAD_ID, item, USER)

    async def like_scan(self, number: int) -> list[str]:
        query = self.queries[number % len(self.queries)]
        return like_scan(self.reader, query)

    async def __aenter__(self) -> "Subject":
        # Writes go to a thread of their own, deleted at the end: the cache stays as built.
        writes = ThreadMetadata(id=BENCH_WRITES_THREAD_ID, created_at=datetime.now())
        await self.store.save_thread(writes, USER)
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.store.delete_thread(BENCH_WRITES_THREAD_ID, USER)
        self.reader.close()
        self.store.close()


def sample_count(name: str, queries: int) -> int:
    if name == "search (FTS5)":
        return queries * SEARCH_SAMPLES_PER_QUERY
    if name.startswith("LIKE"):
        return queries * LIKE_SAMPLES_PER_QUERY
    return SAMPLES


async def compare(small: Subject, large: Subject) -> dict[str, tuple[Timing, Timing]]:
    """Each operation on both databases, samples alternating between them, so whatever else the
    machine is doing weighs on both alike."""
    results: dict[str, tuple[Timing, Timing]] = {}
    small_operations, large_operations = small.operations(), large.operations()
    for name in small_operations:
        pair = (small_operations[name], large_operations[name])
        samples = sample_count(name, len(large.queries))
        seconds: tuple[list[float], list[float]] = ([], [])
        for number in range(-WARM_UP, samples):
            for side in (0, 1) if number % 2 else (1, 0):
                started = time.perf_counter()
                await pair[side](number)
                if number >= 0:
                    seconds[side].append(time.perf_counter() - started)
        results[name] = (timing(seconds[0]), timing(seconds[1]))
    return results


def print_table(results: dict[str, tuple[Timing, Timing]], shape: Shape, opened: str) -> None:
    header = f"{'operation':<32}{'small p50':>11}{'p99':>9}{'large p50':>12}{'p99':>9}{'ratio':>8}"
    print(
        f"\nsmall: {SMALL.threads} threads, {SMALL.items} items; large: {shape.threads:,} threads,"
        f" {shape.items:,} items, long thread {shape.long_thread_items:,} items; pages of "
        f"{PAGE_SIZE}; times in ms; ratio = large p50 / small p50\n"
    )
    print(header)
    print("-" * len(header))
    for name, (small, large) in results.items():
        print(
            f"{name:<32}{small.p50:>11.3f}{small.p99:>9.3f}{large.p50:>12.3f}{large.p99:>9.3f}"
            f"{large.p50 / small.p50:>8.2f}"
        )
    print(opened)
    search, like = results["search (FTS5)"][1], results["LIKE '%word%' scan"][1]
    print(
        f"\nsearch vs LIKE at {shape.items:,} items: p50 {like.p50 / search.p50:.0f}x faster, "
        f"p99 {like.p99 / search.p99:.0f}x faster "
        f"({search.samples} searches, {like.samples} scans, {len(SEARCH_SHARES) * 4} words from "
        f"rare to common, their prefixes and pairs)"
    )
    print("\ntargets:")
    for name in (
        "first page of threads",
        "threads page after cursor, desc",
        "threads page after cursor, asc",
        "first page of the long thread",
    ):
        ratio = results[name][1].p50 / results[name][0].p50
        print(f"  {name} within 1.5x of small: {ratio:.2f}x  {verdict(ratio <= 1.5)}")
    print(f"  search p50 under 50 ms: {search.p50:.2f} ms  {verdict(search.p50 < 50)}")
    print(
        f"  search at least 20x faster than LIKE (p50): {like.p50 / search.p50:.0f}x  "
        f"{verdict(like.p50 / search.p50 >= 20)}"
    )


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def print_upgrade(steps: dict[str, float], shape: Shape) -> None:
    print(f"\nopening the large database at schema version {BASE_VERSION} ({shape.items:,} items):")
    for step, seconds in steps.items():
        print(f"  {step}: {seconds:.2f} s")
    print(f"  in all: {sum(steps.values()):.2f} s")


async def main(scale: float) -> None:
    shape = large_shape(scale)
    base_path, build_seconds = cached_database(shape)
    built = "cached" if build_seconds is None else f"built in {build_seconds:.0f} s"
    print(f"large database: {built}, {base_path.stat().st_size / 1e6:,.0f} MB at {base_path}")
    large_path, upgrade_steps = upgraded_copy(base_path)
    print_upgrade(upgrade_steps, shape)
    with tempfile.TemporaryDirectory() as folder:
        small_path = Path(folder) / "small.db"
        build(small_path, SMALL, LATEST_VERSION)
        async with Subject(small_path) as small, Subject(large_path) as large:
            results = await compare(small, large)
            opened = (
                f"{'open (checks, migrations)':<32}{small.open_seconds * 1000:>11.1f}{'':>9}"
                f"{large.open_seconds * 1000:>12.1f}"
            )
    print_table(results, shape, opened)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrinks the large case")
    asyncio.run(main(parser.parse_args().scale))
