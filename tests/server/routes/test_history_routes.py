"""The built-in view's endpoints at the HTTP edge of the real app: search, a thread's items
with their shared context, exports, and the vendored modules. Every client mistake is a 4xx
with a message; no query string, however hostile, gets a 5xx."""

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.shared_context import ActiveWindow, SharedContext
from server.store import HIGHLIGHT_END, HIGHLIGHT_START
from server.store.sort_keys import created_sort_key, utc_iso_of_sort_key
from tests.server.export.history_seed import Conversation, Seeded, assistant, seed_history, user
from tests.server.running_server import RunningServer, running_server

SHARED = SharedContext(ActiveWindow("budget.ods — Calc", "soffice"), "Q3 figures")


@pytest.fixture
def seeded(tmp_path: Path) -> list[Seeded]:
    return seed_history(
        tmp_path / "data",
        [
            Conversation("Travel", [user("Is Zanzibar warm in June?"), assistant("Yes, **dry**.")]),
            Conversation(
                "Numbers",
                [user("check these", SHARED), assistant("They add up."), user("thanks")],
            ),
        ],
    )


@pytest.fixture
def served(tmp_path: Path, seeded: list[Seeded]) -> Iterator[RunningServer]:
    with running_server(tmp_path / "data") as server:
        yield server


def get(served: RunningServer, path: str, **params: Any) -> httpx.Response:
    with served.client() as client:
        return client.get(path, params=params)


def error_message(response: httpx.Response) -> str:
    message = response.json()["error"]["message"]
    assert isinstance(message, str) and message
    return message


@pytest.mark.parametrize(
    "path", ["/api/search?q=zanzibar", "/api/threads/thr_seed00001/items", "/api/export?format=md"]
)
def test_every_endpoint_needs_the_token(served: RunningServer, path: str) -> None:
    with httpx.Client(base_url=served.url) as bare:
        assert bare.get(path).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert bare.get(path, headers=wrong).status_code == 401


def test_search_finds_items_with_their_matches_marked(served: RunningServer) -> None:
    response = get(served, "/api/search", q="zanzibar")

    assert response.status_code == 200
    [hit] = response.json()["results"]
    assert hit["thread_id"] == "thr_seed00001"
    assert hit["item_id"] == "msg_seed00001_0001"
    assert hit["thread_title"] == "Travel"
    assert hit["created_at"].startswith("2025-03-01T10:00:01")
    assert f"{HIGHLIGHT_START}Zanzibar{HIGHLIGHT_END}" in hit["snippet"]
    assert hit["role"] == "user"


def test_a_hit_says_whether_it_is_a_question_or_an_answer(served: RunningServer) -> None:
    [answer] = get(served, "/api/search", q="dry").json()["results"]
    [question] = get(served, "/api/search", q="warm").json()["results"]

    assert (question["role"], answer["role"]) == ("user", "assistant")


@pytest.mark.parametrize("query", ["", "   ", "?!", None])
def test_a_search_without_words_finds_nothing(served: RunningServer, query: str | None) -> None:
    params = {} if query is None else {"q": query}

    response = get(served, "/api/search", **params)

    assert response.status_code == 200
    assert response.json() == {"results": []}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "NEAR(zanzibar warm",
        "zanzibar AND OR NOT",
        "*",
        "z*",
        "^zanzibar",
        "title:zanzibar",
        "{zanzibar}",
        "'; DROP TABLE items; --",
        "\x00zanzibar\x00",
        "\\",
        "%",
        "ZANZIBAR",
        "zanzíbar 😀 ",
        "\ue000zanzibar\ue001",
        "a" * 1000,
        " ".join(["zanzibar"] * 100),
    ],
)
def test_hostile_search_text_is_answered(served: RunningServer, query: str) -> None:
    response = get(served, "/api/search", q=query)

    assert response.status_code == 200, response.text
    assert isinstance(response.json()["results"], list)


def test_undecodable_search_text_is_answered(served: RunningServer) -> None:
    # A lone surrogate and a byte that starts no UTF-8 character, percent-encoded by hand.
    with served.client() as client:
        for raw in ("%ED%A0%80", "%FF%FEzanzibar", "%C0%80"):
            response = client.get(f"/api/search?q={raw}")
            assert response.status_code == 200, response.text


def test_search_text_over_the_cap_is_refused_in_words(served: RunningServer) -> None:
    response = get(served, "/api/search", q="a" * 1001)

    assert response.status_code == 400
    assert "too long" in error_message(response)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "many", "1.5"])
def test_a_bad_search_limit_is_refused(served: RunningServer, limit: str) -> None:
    response = get(served, "/api/search", q="zanzibar", limit=limit)

    assert response.status_code == 400
    assert "limit" in error_message(response)


def test_the_search_limit_caps_the_hits(served: RunningServer) -> None:
    many = get(served, "/api/search", q="th")
    one = get(served, "/api/search", q="th", limit="1")

    assert len(many.json()["results"]) >= 2
    assert len(one.json()["results"]) == 1


def test_thread_items_come_with_their_shared_context(served: RunningServer) -> None:
    response = get(served, "/api/threads/thr_seed00002/items")

    assert response.status_code == 200
    page = response.json()
    assert page["thread"]["title"] == "Numbers"
    assert [item["type"] for item in page["data"]] == [
        "user_message",
        "assistant_message",
        "user_message",
    ]
    assert page["data"][0]["quoted_text"] == "Q3 figures"
    assert page["shared_context"] == [
        {
            "type": "shared_context",
            "id": "msg_seed00002_0001_cx",
            "message_id": "msg_seed00002_0001",
            "created_at": page["shared_context"][0]["created_at"],
            "active_window": {"title": "budget.ods — Calc", "app": "soffice"},
            "selection": "Q3 figures",
        }
    ]
    assert page["has_more"] is False


def test_thread_items_page_through_every_item(served: RunningServer) -> None:
    seen: list[str] = []
    shared: list[str] = []
    after = None
    for _ in range(10):
        params = {"limit": "1"} | ({"after": after} if after else {})
        page = get(served, "/api/threads/thr_seed00002/items", **params).json()
        seen += [item["id"] for item in page["data"]]
        shared += [entry["message_id"] for entry in page["shared_context"]]
        if not page["has_more"]:
            break
        after = page["after"]

    assert seen == ["msg_seed00002_0001", "msg_seed00002_0002", "msg_seed00002_0003"]
    assert shared == ["msg_seed00002_0001"]


def test_items_of_an_unknown_thread_are_404(served: RunningServer) -> None:
    response = get(served, "/api/threads/thr_missing/items")

    assert response.status_code == 404
    assert "thr_missing" in error_message(response)


@pytest.mark.parametrize(
    ("params", "named"),
    [({"after": "msg_nowhere"}, "after"), ({"limit": "0"}, "limit"), ({"limit": "201"}, "limit")],
)
def test_bad_item_pages_are_refused(
    served: RunningServer, params: dict[str, str], named: str
) -> None:
    response = get(served, "/api/threads/thr_seed00002/items", **params)

    assert response.status_code == 400
    assert named in error_message(response)


def test_one_thread_exports_as_markdown(served: RunningServer) -> None:
    response = get(served, "/api/export", format="md", thread_id="thr_seed00002")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="chatkit-numbers-2025-03-01.md"'
    )
    assert response.headers["cache-control"] == "no-store"
    text = response.text
    assert "## Numbers" in text
    assert "### You" in text and "check these" in text and "thanks" in text
    assert "### Assistant" in text and "They add up." in text
    assert "“budget.ods — Calc” in soffice" in text
    assert "> Q3 figures" in text
    assert "Travel" not in text


def test_one_thread_exports_as_json(served: RunningServer) -> None:
    response = get(served, "/api/export", format="json", thread_id="thr_seed00002")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"].endswith(
        'filename="chatkit-numbers-2025-03-01.json"'
    )
    document = response.json()
    assert document["format"] == "chatkit-desktop-export"
    assert document["version"] == 1
    [thread] = document["threads"]
    assert thread["thread"] == {
        "id": "thr_seed00002",
        "title": "Numbers",
        "created_at": "2025-03-01T11:00:00.250000",
        # When its last message was written, in UTC.
        "updated_at": utc_iso_of_sort_key(created_sort_key(datetime(2025, 3, 1, 11, 0, 3, 250000))),
    }
    assert [item["type"] for item in thread["items"]] == [
        "user_message",
        "shared_context",
        "assistant_message",
        "user_message",
    ]
    assert thread["items"][1]["selection"] == "Q3 figures"


@pytest.mark.parametrize("export_format", ["md", "json"])
def test_everything_exports_newest_first(served: RunningServer, export_format: str) -> None:
    response = get(served, "/api/export", format=export_format)

    assert response.status_code == 200
    assert 'filename="chatkit-conversations-' in response.headers["content-disposition"]
    if export_format == "json":
        titles = [thread["thread"]["title"] for thread in response.json()["threads"]]
        assert titles == ["Numbers", "Travel"]
    else:
        assert response.text.index("## Numbers") < response.text.index("## Travel")


def test_an_unknown_thread_is_404(served: RunningServer) -> None:
    response = get(served, "/api/export", format="md", thread_id="thr_missing")

    assert response.status_code == 404
    assert "thr_missing" in error_message(response)


@pytest.mark.parametrize("export_format", ["pdf", "MD", "", "md;json"])
def test_an_unknown_format_is_400(served: RunningServer, export_format: str) -> None:
    response = get(served, "/api/export", format=export_format)

    assert response.status_code == 400
    assert "md, json" in error_message(response)


def test_a_missing_format_is_400(served: RunningServer) -> None:
    response = get(served, "/api/export")

    assert response.status_code == 400
    assert "format" in error_message(response)


def test_a_long_history_exports_complete_across_pages(tmp_path: Path) -> None:
    count = 230
    seed_history(
        tmp_path / "data",
        [Conversation(f"T{number}", [user(f"q{number}")]) for number in range(count)],
    )
    with (
        running_server(tmp_path / "data") as server,
        server.client() as client,
        client.stream("GET", "/api/export", params={"format": "json"}) as response,
    ):
        assert response.status_code == 200
        # Streamed as it is read: no length is known when the answer starts.
        assert "content-length" not in response.headers
        body = b"".join(response.iter_bytes())
    threads = json.loads(body)["threads"]
    assert [thread["thread"]["title"] for thread in threads] == [
        f"T{number}" for number in reversed(range(count))
    ]
    assert all(len(thread["items"]) == 1 for thread in threads)


def test_vendored_modules_are_served_without_the_token(served: RunningServer) -> None:
    with httpx.Client(base_url=served.url) as bare:
        for name in ("marked.esm.js", "purify.es.mjs"):
            response = bare.get(f"/static/vendor/{name}")
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/javascript")
        for path in (
            "/static/vendor/package.json",
            "/static/vendor/refresh.sh",
            "/static/vendor/marked.LICENSE.md",
            "/static/vendor/missing.js",
            "/static/vendor/..%2Fstatic%2Fmain.js",
            "/static/vendor/%2E%2E%2F__init__.py",
        ):
            assert bare.get(path).status_code == 404, path
