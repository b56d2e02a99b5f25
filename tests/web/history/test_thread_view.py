"""One conversation: every item of every page, Markdown rendered and made inert, and the
context shared with each message."""

import json

from playwright.sync_api import expect

from common.shared_context import ActiveWindow, SharedContext
from tests.server.export.history_seed import Conversation, assistant, user
from tests.web.history.conftest import HistoryHarness
from tests.web.history.payloads import DANGEROUS_DOM, HOSTILE_ANSWER

MARKDOWN_ANSWER = """Steps:

1. First `step`
2. Second step

- apple
- pear

```python
print("hello")
```

See [the docs](https://docs.example.com/guide) for more."""


def long_conversation(turns: int) -> Conversation:
    messages = []
    for turn in range(1, turns + 1):
        shared = (
            SharedContext(ActiveWindow(f"notes-{turn}.txt", "Editor"), f"selected {turn}")
            if turn % 10 == 0
            else None
        )
        messages += [user(f"question {turn}", shared), assistant(f"answer {turn}")]
    return Conversation("Long talk", messages)


def test_a_thread_of_sixty_items_opens_complete(history: HistoryHarness) -> None:
    history.seed([long_conversation(30)])
    tab = history.open()

    tab.open_thread("Long talk")

    items = tab.page.locator(".hv-items .hv-item")
    expect(items).to_have_count(60)
    expect(items.first).to_contain_text("question 1")
    expect(items.last).to_contain_text("answer 30")
    texts = items.locator(".hv-text, .hv-markdown").all_inner_texts()
    expected = [text for turn in range(1, 31) for text in (f"question {turn}", f"answer {turn}")]
    assert texts == expected
    # The shared contexts came with the pages they belong to, each beside its message.
    expect(tab.page.locator(".hv-context")).to_have_count(3)
    page_requests = [request for request in tab.requests if "/items?" in request.url]
    assert len(page_requests) >= 2


def test_markdown_is_rendered(history: HistoryHarness) -> None:
    history.seed([Conversation("Formatting", [user("format please"), assistant(MARKDOWN_ANSWER)])])
    tab = history.open()
    tab.open_thread("Formatting")

    answer = tab.page.locator(".hv-assistant .hv-markdown")
    expect(answer.locator("ol > li")).to_have_count(2)
    expect(answer.locator("ul > li")).to_have_count(2)
    expect(answer.locator("pre > code")).to_have_text('print("hello")')
    expect(answer.locator("li code")).to_have_text("step")
    link = answer.get_by_role("link", name="the docs")
    expect(link).to_have_attribute("href", "https://docs.example.com/guide")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_user_text_is_shown_as_written(history: HistoryHarness) -> None:
    written = "<b>not bold</b> and **not markdown**\nsecond line"
    history.seed([Conversation("Plain", [user(written)])])
    tab = history.open()
    tab.open_thread("Plain")

    message = tab.page.locator(".hv-user .hv-text")
    expect(message).to_have_text(written)
    expect(message.locator("b, strong")).to_have_count(0)


def test_the_context_shared_with_a_message_is_shown_beside_it(history: HistoryHarness) -> None:
    history.seed(
        [
            Conversation(
                "Shared",
                [
                    user(
                        "what does this do?",
                        SharedContext(ActiveWindow("main.py — Code", "code"), "def main(): ..."),
                    ),
                    assistant("It starts the program."),
                    user("and this window?", SharedContext(ActiveWindow("Inbox", "Mail"), None)),
                    user("no context here"),
                ],
            )
        ]
    )
    tab = history.open()
    tab.open_thread("Shared")

    users = tab.page.locator(".hv-user")
    first = users.nth(0)
    expect(first.locator(".hv-quote")).to_have_text("def main(): ...")
    expect(first.locator(".hv-context")).to_contain_text("main.py — Code")
    expect(first.locator(".hv-context")).to_contain_text("code")
    expect(users.nth(1).locator(".hv-context")).to_contain_text("Inbox — Mail")
    expect(users.nth(1).locator(".hv-quote")).to_have_count(0)
    expect(users.nth(2).locator(".hv-context")).to_have_count(0)


def test_a_hostile_answer_renders_inert(history: HistoryHarness) -> None:
    history.seed([Conversation("Hostile", [user("try me"), assistant(HOSTILE_ANSWER)])])
    tab = history.open()
    tab.open_thread("Hostile")
    page = tab.page
    answer = page.locator(".hv-assistant .hv-markdown")
    expect(answer).to_contain_text("Last line.")

    for text in ("a harmless looking link", "raw link", "picture", "data link"):
        answer.get_by_text(text).first.click()
    page.wait_for_timeout(300)

    assert answer.evaluate(DANGEROUS_DOM) == []
    assert page.evaluate("window.__pwned") is None
    assert page.url.startswith(tab.app.url)
    # Raw HTML is shown as the characters it is, not dropped without a word.
    expect(answer).to_contain_text("<script>window.__pwned = 'script'</script>")


def test_the_renderer_alone_keeps_payloads_inert(history: HistoryHarness) -> None:
    """On a page without the app's Content-Security-Policy, which would block inline handlers
    by itself: what stays inert here is inert because of the sanitising."""
    app = history.start()
    tab = history.open()
    page = tab.page
    bare_page = f"{app.url}/renderer-check.html"
    page.route(
        bare_page,
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                "<!doctype html><div id=out></div><script type=module>"
                "import { renderMarkdown } from '/static/history/markdown.js';"
                "document.getElementById('out').append(renderMarkdown(window.payload));"
                "window.rendered = true;</script>"
            ),
        ),
    )
    page.add_init_script(f"window.payload = {json.dumps(HOSTILE_ANSWER)};")
    page.add_init_script("window.__controlRan = false;")
    page.goto(bare_page)
    page.wait_for_function("window.rendered === true")
    # The same page runs an inline handler that did not come through the renderer.
    page.evaluate(
        """() => { const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__controlRan = true'); img.src = 'x:';
        document.body.append(img); }"""
    )
    page.wait_for_function("window.__controlRan === true")

    out = page.locator("#out")
    expect(out).to_contain_text("Last line.")
    assert out.evaluate(DANGEROUS_DOM) == []
    assert page.evaluate("window.__pwned") is None


def test_links_open_outside_the_app_window(history: HistoryHarness) -> None:
    history.seed([Conversation("Links", [user("a link?"), assistant(MARKDOWN_ANSWER)])])
    tab = history.open()
    tab.open_thread("Links")
    page = tab.page
    page.context.route("https://docs.example.com/**", lambda route: route.abort())

    with page.expect_popup() as opened:
        page.get_by_role("link", name="the docs").click()

    popup = opened.value
    assert popup.evaluate("window.opener") is None
    assert page.url.startswith(tab.app.url)
    expect(page.locator(".hv-thread-title")).to_have_text("Links")
