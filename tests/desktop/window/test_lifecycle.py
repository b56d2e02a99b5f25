import logging
import threading
import time
from pathlib import Path

import pytest

from desktop.window import close_notice
from desktop.window.close_notice import SHOWN, CloseNotice
from desktop.window.geometry import WindowGeometry, load_geometry
from desktop.window.lifecycle import BACKGROUND_NOTICE, WindowLifecycle

GEOMETRY = WindowGeometry(x=10, y=20, width=900, height=600)


class FakeWindow:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.copied: list[str] = []

    def show_and_focus(self) -> None:
        self.calls.append("show")

    def hide(self) -> None:
        self.calls.append("hide")

    def close(self) -> None:
        self.calls.append("close")

    def geometry(self) -> WindowGeometry | None:
        return GEOMETRY

    def copy_text(self, text: str) -> bool:
        self.copied.append(text)
        return True


def lifecycle(
    tmp_path: Path, background: bool
) -> tuple[WindowLifecycle, FakeWindow, list[tuple[str, str]]]:
    window = FakeWindow()
    notices: list[tuple[str, str]] = []
    made = WindowLifecycle(
        window,
        tmp_path / "window.json",
        background_allowed=lambda: background,
        notify=lambda title, message: notices.append((title, message)),
    )
    return made, window, notices


def test_closing_without_a_background_quits_and_remembers_the_geometry(tmp_path: Path) -> None:
    made, window, notices = lifecycle(tmp_path, background=False)
    assert made.on_closing() is True
    assert made.quitting
    assert load_geometry(tmp_path / "window.json") == GEOMETRY
    assert window.calls == []
    assert notices == []


def test_closing_with_a_background_hides_and_says_so_once(tmp_path: Path) -> None:
    made, window, notices = lifecycle(tmp_path, background=True)
    assert made.on_closing() is False
    assert made.on_closing() is False
    assert window.calls == ["hide", "hide"]
    assert notices == [("ChatKit Desktop", BACKGROUND_NOTICE)]
    assert not made.quitting
    assert not (tmp_path / "window.json").exists()


def test_quit_closes_even_when_the_background_is_allowed(tmp_path: Path) -> None:
    made, window, _ = lifecycle(tmp_path, background=True)
    made.quit()
    assert window.calls == ["close"]
    assert made.on_closing() is True
    assert load_geometry(tmp_path / "window.json") == GEOMETRY


def test_show_and_copy_reach_the_window(tmp_path: Path) -> None:
    made, window, _ = lifecycle(tmp_path, background=False)
    made.show()
    assert made.copy_text("hello") is True
    assert window.calls == ["show"]
    assert window.copied == ["hello"]


def test_a_geometry_that_cannot_be_saved_does_not_stop_the_quit(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    window = FakeWindow()
    made = WindowLifecycle(window, blocker / "window.json", background_allowed=lambda: False)
    with caplog.at_level(logging.WARNING):
        assert made.on_closing() is True
    assert "could not save the window geometry" in caplog.text


class ScriptedPage:
    """The page's side of ``run_js``: answers as the page's hook would, or as a page without it."""

    def __init__(self, answer: object) -> None:
        self.answer = answer
        self.scripts: list[str] = []
        self.asked = threading.Event()

    def run_js(self, script: str) -> object:
        self.scripts.append(script)
        self.asked.set()
        return self.answer


def test_closing_asks_the_page_to_explain_and_does_not_hide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(close_notice, "ANSWER_TIMEOUT_SECONDS", 0.2)
    made, window, notices = lifecycle(tmp_path, background=True)
    page = ScriptedPage(SHOWN)
    made.ask_before_hiding(CloseNotice(page, wanted=lambda: True))

    assert made.on_closing() is False
    assert page.asked.wait(10)
    time.sleep(close_notice.ANSWER_TIMEOUT_SECONDS + 0.5)

    assert window.calls == []
    assert notices == []
    assert page.scripts == [
        "window.chatkitDesktop?.showCloseNotice?.({\"tray\": false}) ?? 'absent'"
    ]

    made.hide()
    assert window.calls == ["hide"]


def test_a_page_that_cannot_explain_still_gets_the_window_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(close_notice, "ANSWER_TIMEOUT_SECONDS", 0.2)
    made, window, notices = lifecycle(tmp_path, background=True)
    made.ask_before_hiding(CloseNotice(ScriptedPage("absent"), wanted=lambda: True))

    assert made.on_closing() is False

    deadline = time.monotonic() + 10
    while window.calls != ["hide"]:
        assert time.monotonic() < deadline, "the window was never hidden"
        time.sleep(0.05)
    assert notices == [("ChatKit Desktop", BACKGROUND_NOTICE)]


def test_after_dont_show_again_closing_hides_at_once(tmp_path: Path) -> None:
    made, window, _ = lifecycle(tmp_path, background=True)
    page = ScriptedPage(SHOWN)
    made.ask_before_hiding(CloseNotice(page, wanted=lambda: False))

    assert made.on_closing() is False

    assert window.calls == ["hide"]
    assert page.scripts == []
