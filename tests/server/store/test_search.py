import pytest
from chatkit.types import HiddenContextItem, ThreadMetadata

from server.store import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit, SQLiteStore
from server.store.search import MAX_HITS
from tests.server.store.builders import ALICE, assistant_message, at, thread, user_message


def marked(word: str) -> str:
    return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}"


async def add_texts(store: SQLiteStore, *texts: str) -> None:
    for index, text in enumerate(texts):
        await store.add_thread_item(
            "thr_1", assistant_message(f"msg_{index}", text, seconds=index), ALICE
        )


async def test_a_hit_names_its_item_thread_and_time_and_marks_the_match(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await add_texts(store, "nothing here", "the capybara sleeps")

    hits = await store.search("capybara", ALICE)

    assert hits == [
        SearchHit(
            thread_id="thr_1",
            item_id="msg_1",
            snippet=f"the {marked('capybara')} sleeps",
            thread_title="Alice's thread",
            created_at=at(1),
            role="assistant",
        )
    ]


async def test_user_text_quotes_and_assistant_text_are_searched(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await store.add_thread_item(
        "thr_1", user_message("msg_u", "asking about lemurs", quoted_text="quoted tapir"), ALICE
    )
    await store.add_thread_item("thr_1", assistant_message("msg_a", "lemurs answered"), ALICE)
    await store.add_thread_item(
        "thr_1",
        HiddenContextItem(id="hcx", thread_id="thr_1", created_at=at(0), content="hidden lemurs"),
        ALICE,
    )

    roles = {hit.item_id: hit.role for hit in await store.search("lemurs", ALICE)}
    assert roles == {"msg_u": "user", "msg_a": "assistant"}
    assert [hit.item_id for hit in await store.search("tapir", ALICE)] == ["msg_u"]
    assert await store.search("hidden", ALICE) == []


async def test_every_word_must_match_and_the_last_also_as_a_prefix(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await add_texts(store, "green parrot", "green pelican", "red pelican")

    assert [h.item_id for h in await store.search("green pel", ALICE)] == ["msg_1"]
    assert {h.item_id for h in await store.search("pel", ALICE)} == {"msg_1", "msg_2"}
    assert await store.search("gre pelican", ALICE) == []
    assert await store.search("pel ", ALICE) == []


async def test_case_and_accents_do_not_matter(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await add_texts(store, "Un Café CRÈME")

    assert len(await store.search("cafe creme", ALICE)) == 1
    assert len(await store.search("CAFÉ", ALICE)) == 1


async def test_denser_matches_rank_first(store: SQLiteStore, alice_thread: ThreadMetadata) -> None:
    await add_texts(
        store,
        "a long message that mentions okapi once among many other words about other things",
        "okapi okapi okapi",
        "okapi and some words",
    )

    hits = await store.search("okapi", ALICE)

    assert [hit.item_id for hit in hits] == ["msg_1", "msg_2", "msg_0"]


async def test_the_limit_caps_the_hits(store: SQLiteStore, alice_thread: ThreadMetadata) -> None:
    await add_texts(store, *(f"gecko number {n}" for n in range(5)))

    assert len(await store.search("gecko", ALICE, limit=3)) == 3
    assert len(await store.search("gecko", ALICE)) == 5
    assert await store.search("gecko", ALICE, limit=0) == []
    assert MAX_HITS >= 20


async def test_highlight_characters_in_the_text_cannot_fake_a_match(
    store: SQLiteStore, alice_thread: ThreadMetadata
) -> None:
    await add_texts(store, f"{HIGHLIGHT_START}fake{HIGHLIGHT_END} and a real ibis")

    (hit,) = await store.search("ibis", ALICE)

    assert hit.snippet.count(HIGHLIGHT_START) == hit.snippet.count(HIGHLIGHT_END) == 1
    assert marked("ibis") in hit.snippet


async def test_search_follows_a_thread_title_change(store: SQLiteStore) -> None:
    await store.save_thread(thread("thr_1", title="Old"), ALICE)
    await add_texts(store, "heron")
    await store.save_thread(thread("thr_1", title="New"), ALICE)

    assert [hit.thread_title for hit in await store.search("heron", ALICE)] == ["New"]


# (query, a text it must find, or None when the query holds no word and finds nothing)
HOSTILE_QUERIES = [
    ('"', None),
    ('""', None),
    ("NEAR(a b)", "the syntax NEAR(a b) is fts"),
    ("a*", "rate a* here"),
    ("*", None),
    ("AND", "an AND gate"),
    ("OR NOT", "logic OR NOT logic"),
    ("-x", "the flag -x"),
    ("col:x", "set col:x now"),
    ("^x", "power ^x"),
    ("(", None),
    (")", None),
    ("'", None),
    ("it's", "it's here"),
    ('say "hi', 'they say "hi" twice'),
    ("\x00", None),
    ("nul\x00byte", "nul byte"),
    ("\ud800", None),
    ("", None),
    ("   \t\n ", None),
    ("x" * 10_000, None),
    ("verbose " * 2_000, "verbose"),
    ("🍕", "pizza 🍕 night"),
    ("❤️ 🍕", "❤️ and 🍕"),
    ("{} [] ; -- /* */ DROP TABLE items", "{} [] ; -- /* */ DROP TABLE items"),
]


@pytest.mark.parametrize(("query", "text"), HOSTILE_QUERIES)
async def test_any_query_is_plain_words_and_never_raises(
    store: SQLiteStore, alice_thread: ThreadMetadata, query: str, text: str | None
) -> None:
    await add_texts(store, "unrelated words", *([text] if text else []))

    hits = await store.search(query, ALICE)

    if text is None:
        assert hits == []
    else:
        assert [hit.item_id for hit in hits] == ["msg_1"]
