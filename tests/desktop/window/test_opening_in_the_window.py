"""The real app on an old database whose upgrade takes seconds: the window says what it is doing,
with a progress bar, then shows the conversations."""

from pathlib import Path

from playwright.sync_api import Playwright

from common.paths import database_path, profile_of
from desktop.log_file import LOG_FILE_NAME
from desktop.window.opening_page import BAR_ID, STEP_ID
from server.store.progress import BACKING_UP, CHECKING, upgrading
from server.store.schema import MIGRATIONS
from testing.fake_openai.openai_server import FakeOpenAIServer
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.server.store.old_databases import database_at, with_many_items

# About 4 s of backing up and indexing here (2 s to make): the window is up, and the test
# attached to it, well before the upgrade ends.
ITEMS = 800_000
STEPS = [CHECKING, BACKING_UP, upgrading(MIGRATIONS[1].description)]
TIMEOUT_MS = 60_000


def test_a_slow_upgrade_shows_its_steps_then_the_conversations(
    launch: LaunchApp,
    tmp_path: Path,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
) -> None:
    data_dir = tmp_path / "data"
    with_many_items(database_at(1, database_path(data_dir)), ITEMS)

    app = launch(data_dir=data_dir)
    # The window's one page, whatever it shows: the app's address comes only after opening.
    with app_page(playwright_instance, app.cdp_port, "") as page:
        page.locator(f"#{STEP_ID}").wait_for(timeout=TIMEOUT_MS)
        shown = page.evaluate(
            """([stepId, barId]) => ({
                step: document.getElementById(stepId).textContent,
                bar: document.getElementById(barId) !== null,
            })""",
            [STEP_ID, BAR_ID],
        )
        assert shown["step"] in [f"{step}…" for step in STEPS]
        assert shown["bar"]
        # The longest step, reached in place if an earlier one was shown first.
        page.wait_for_function(
            "([stepId, text]) => document.getElementById(stepId)?.textContent === text",
            arg=[STEP_ID, f"{STEPS[-1]}…"],
            timeout=TIMEOUT_MS,
        )

        page.locator('[data-thread-id="thr_v1_trip"]').wait_for(timeout=TIMEOUT_MS)
        assert page.locator('[data-thread-id="thr_v1_bread"]').count() == 1
        assert page.url.startswith(app.runtime()["url"])
    log = (profile_of(data_dir).logs / LOG_FILE_NAME).read_text()
    assert f"opening the store takes long: {STEPS[-1]}" in log
    assert "the window refused a call" not in log
