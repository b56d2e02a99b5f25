"""The global shortcut end to end, on a real X display with a window manager: a foreign window
with a known title, a real PRIMARY selection, the key pressed through XTEST (xdotool). The app
comes to the front with the card, the user types a question, and the fake OpenAI server receives
the selection, the window title and the OS user's name."""

import json
import os
import pwd
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import Page, Playwright, expect

from testing.fake_openai.openai_server import FakeOpenAIServer
from testing.running_app import RunningApp
from testing.x_programs import xclip_selection
from testing.x_session import XSession
from tests.desktop.window.conftest import LaunchApp
from tests.desktop.window.devtools import app_page
from tests.desktop.window.test_window import active_window, press, wait_until

FOREIGN_TITLE = "Quarterly report.txt — Notes"
SELECTION = "Revenue grew 12 % while costs fell.\nSecond line: ünïcödé ☃"
PAGE_TIMEOUT_MS = 30_000


@contextmanager
def foreign_window(app: RunningApp) -> Iterator[str]:
    """Another application's window, made the active one."""
    process = subprocess.Popen(
        ["xmessage", "-title", FOREIGN_TITLE, "-geometry", "360x120+40+40", "some document"],
        env=app.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        found: list[str] = []

        def mapped() -> bool:
            result = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", FOREIGN_TITLE],
                env=app.env,
                capture_output=True,
                text=True,
                timeout=10,
            )
            found[:] = result.stdout.split()
            return bool(found)

        wait_until(mapped, message="the foreign window did not map")
        app.x("xdotool", "windowactivate", "--sync", found[0])
        wait_until(lambda: active_window(app) == found[0], message="foreign window not active")
        yield found[0]
    finally:
        process.kill()
        process.wait(timeout=10)


def api(app: RunningApp, method: str, path: str, **kwargs: Any) -> httpx.Response:
    runtime = app.runtime()
    return httpx.request(
        method,
        f"{runtime['url']}{path}",
        headers={"Authorization": f"Bearer {runtime['token']}"},
        timeout=10,
        **kwargs,
    )


def shortcut_state(app: RunningApp) -> dict[str, Any]:
    state: dict[str, Any] = api(app, "GET", "/api/shortcut").json()
    return state


def ready_app(launch: LaunchApp) -> tuple[RunningApp, str]:
    """The app, its window mapped and its shortcut set up (or refused)."""
    app = launch()
    window = app.window()
    wait_until(
        lambda: shortcut_state(app)["active"] or shortcut_state(app)["problem"],
        timeout=45,
        message="the shortcut was never installed",
    )
    return app, window


@contextmanager
def listening_page(app: RunningApp, playwright: Playwright) -> Iterator[Page]:
    """The app's page, through DevTools, once it listens for asks."""
    with app_page(playwright, app.cdp_port, app.runtime()["url"]) as page:
        page.wait_for_selector("html[data-asks=listening]", timeout=PAGE_TIMEOUT_MS)
        yield page


def card(page: Page) -> Any:
    return page.get_by_role("region", name="Context to send with your next message")


def test_the_shortcut_asks_about_the_selection_in_the_active_window(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
) -> None:
    app, window = ready_app(launch)
    assert shortcut_state(app) == {"combination": "Ctrl+Alt+Space", "active": True, "problem": None}
    with listening_page(app, playwright_instance) as page:
        with foreign_window(app), xclip_selection(x_session, SELECTION):
            app.x("xdotool", "key", "ctrl+alt+space")
            wait_until(lambda: active_window(app) == window, message="our window did not come up")

        shown = card(page)
        expect(shown).to_contain_text(FOREIGN_TITLE, timeout=PAGE_TIMEOUT_MS)
        expect(shown).to_contain_text("Xmessage")
        expect(shown.locator("blockquote")).to_have_text(SELECTION)
        composer = page.get_by_role("textbox", name="Message")
        expect(composer).to_be_focused()

        fake_openai_env.reply("It says revenue grew.")
        app.x("xdotool", "type", "--delay", "5", "What does this say?")
        app.x("xdotool", "key", "Return")
        expect(page.locator(".hv-assistant")).to_contain_text("It says revenue grew.")

    model_saw = fake_openai_env.last_model_call().all_text
    assert "What does this say?" in model_saw
    assert "Revenue grew 12 % while costs fell." in model_saw
    assert "ünïcödé ☃" in model_saw
    assert FOREIGN_TITLE in model_saw
    assert pwd.getpwuid(os.getuid()).pw_name in model_saw


def test_every_press_asks_again(
    launch: LaunchApp, playwright_instance: Playwright, fake_openai_env: FakeOpenAIServer
) -> None:
    app, window = ready_app(launch)
    with listening_page(app, playwright_instance) as page, foreign_window(app) as foreign:
        for _ in range(3):
            app.x("xdotool", "windowactivate", "--sync", foreign)
            wait_until(lambda: active_window(app) == foreign, message="foreign not active")
            app.x("xdotool", "key", "ctrl+alt+space")
            wait_until(lambda: active_window(app) == window, message="our window stayed back")
            shown = card(page)
            expect(shown).to_contain_text(FOREIGN_TITLE, timeout=PAGE_TIMEOUT_MS)
            shown.get_by_role("button", name="Remove the window").click()
            expect(shown).to_be_hidden()


def test_closing_the_window_keeps_the_app_for_the_shortcut_to_bring_back(
    launch: LaunchApp, playwright_instance: Playwright
) -> None:
    app, window = ready_app(launch)
    assert shortcut_state(app)["active"]
    # The close notice is tested in tests/desktop/window/test_close_notice_in_the_window.py.
    api(app, "PATCH", "/api/settings", json={"close_notice": False}).raise_for_status()
    press(app, window, "alt+F4")
    wait_until(
        lambda: "IsUnMapped" in app.x("xwininfo", "-id", window), message="the window stayed"
    )
    assert app.process.poll() is None
    app.x("xdotool", "key", "ctrl+alt+space")
    # Both at once: openbox may still name the hidden window active before the shortcut acts.
    wait_until(
        lambda: active_window(app) == window and "IsViewable" in app.x("xwininfo", "-id", window),
        message="the shortcut did not bring it back",
    )


def test_with_sharing_off_nothing_is_read_and_the_window_still_comes_up(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    x_session: XSession,
) -> None:
    app, window = ready_app(launch)
    api(
        app, "PATCH", "/api/settings", json={"share_active_window": False, "share_selection": False}
    ).raise_for_status()
    with listening_page(app, playwright_instance) as page:
        with foreign_window(app), xclip_selection(x_session, SELECTION):
            app.x("xdotool", "key", "ctrl+alt+space")
            wait_until(lambda: active_window(app) == window, message="our window did not come up")
        expect(page.get_by_role("textbox", name="Message")).to_be_focused()
        expect(card(page)).to_be_hidden()


def test_a_combination_another_program_holds_is_explained(
    launch: LaunchApp, x_session: XSession, tmp_path: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", GRAB_AND_WAIT],
        env={**os.environ, **x_session.env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "grabbed"
        app = launch()
        app.window()
        wait_until(lambda: shortcut_state(app)["problem"] is not None, timeout=45)
        state = shortcut_state(app)
        assert state["active"] is False
        assert "Ctrl+Alt+Space is already used by another program" in state["problem"]
        assert "already used by another program" in app.read_output()

        api(app, "PATCH", "/api/settings", json={"shortcut": "Ctrl+Alt+J"}).raise_for_status()
        assert shortcut_state(app) == {"combination": "Ctrl+Alt+J", "active": True, "problem": None}
    finally:
        holder.kill()
        holder.communicate(timeout=10)


# Another client holding Ctrl+Alt+Space (with and without NumLock), as a rival app would.
GRAB_AND_WAIT = """
import sys
from Xlib import X, XK, display
d = display.Display()
code = d.keysym_to_keycode(XK.string_to_keysym("space"))
mask = X.ControlMask | X.Mod1Mask
for extra in (0, X.Mod2Mask, X.LockMask, X.Mod2Mask | X.LockMask):
    d.screen().root.grab_key(code, mask | extra, True, X.GrabModeAsync, X.GrabModeAsync)
d.sync()
print("grabbed", flush=True)
sys.stdin.read()
"""


def test_ask_reaches_the_running_app(
    launch: LaunchApp, playwright_instance: Playwright, fake_openai_env: FakeOpenAIServer
) -> None:
    app, window = ready_app(launch)
    with listening_page(app, playwright_instance) as page:
        with foreign_window(app):
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "desktop",
                    "--data-dir",
                    str(app.data_dir),
                    "ask",
                    "--stdin",
                ],
                input="piped from a script",
                env=app.env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert result.returncode == 0, result.stderr
            wait_until(lambda: active_window(app) == window, message="our window did not come up")
        expect(card(page).locator("blockquote")).to_have_text("piped from a script")


def test_ask_starts_the_app_when_none_is_running(
    launch: LaunchApp,
    playwright_instance: Playwright,
    fake_openai_env: FakeOpenAIServer,
    tmp_path: Path,
) -> None:
    # `launch` gives the environment of the test display; the app itself is started by `ask`.
    probe = launch()
    probe.kill()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "ask", "--data-dir", str(tmp_path / "asked"), "hello"],
        env=probe.env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    runtime_file = tmp_path / "asked" / "runtime.json"
    wait_until(runtime_file.exists, timeout=45, message="the started app wrote no runtime.json")
    runtime = json.loads(runtime_file.read_text())
    try:
        with app_page(playwright_instance, probe.cdp_port, runtime["url"]) as page:
            expect(card(page).locator("blockquote")).to_have_text("hello", timeout=PAGE_TIMEOUT_MS)
    finally:
        os.kill(runtime["pid"], signal.SIGTERM)
        wait_until(lambda: not runtime_file.exists(), message="the started app did not quit")
