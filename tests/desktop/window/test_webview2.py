"""The WebView2 check on Windows, with the registry and the message box stood in for: the
registry locations Microsoft documents, what counts as installed, and what the user is told."""

from dataclasses import dataclass, field

import pytest

from desktop.window.webview2 import (
    DOWNLOAD_URL,
    RUNTIME_CLIENT,
    TITLE,
    webview2_missing,
    webview2_version,
)

MACHINE_64 = ("HKEY_LOCAL_MACHINE", rf"SOFTWARE\WOW6432Node\{RUNTIME_CLIENT}")
MACHINE_32 = ("HKEY_LOCAL_MACHINE", rf"SOFTWARE\{RUNTIME_CLIENT}")
USER = ("HKEY_CURRENT_USER", rf"Software\{RUNTIME_CLIENT}")


@dataclass
class FakeWindows:
    versions: dict[tuple[str, str], str] = field(default_factory=dict)
    looked_up: list[tuple[str, str, str]] = field(default_factory=list)
    shown: list[tuple[str, str]] = field(default_factory=list)

    def registry_string(self, root: str, key: str, name: str) -> str | None:
        self.looked_up.append((root, key, name))
        return self.versions.get((root, key)) if name == "pv" else None

    def show_error(self, title: str, message: str) -> None:
        self.shown.append((title, message))


@pytest.mark.parametrize("where", [MACHINE_64, MACHINE_32, USER], ids=["64", "32", "user"])
def test_a_runtime_registered_anywhere_microsoft_documents_is_found(
    where: tuple[str, str],
) -> None:
    windows = FakeWindows({where: "131.0.2903.70"})

    assert webview2_version(windows) == "131.0.2903.70"
    assert not webview2_missing(None, platform="win32", calls=windows)
    assert windows.shown == []


@pytest.mark.parametrize("left_behind", ["", "0.0.0.0", "  "])  # noqa: S104 (versions)
def test_an_empty_or_zero_version_is_no_runtime(left_behind: str) -> None:
    assert webview2_version(FakeWindows({MACHINE_64: left_behind})) is None


def test_without_the_runtime_the_user_is_told_where_to_get_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    windows = FakeWindows()

    assert webview2_missing("edgechromium", platform="win32", calls=windows)

    [(title, message)] = windows.shown
    assert title == TITLE
    assert "WebView2 Runtime" in message
    assert DOWNLOAD_URL in message
    assert DOWNLOAD_URL in capsys.readouterr().err


@pytest.mark.parametrize(
    ("gui", "platform"),
    [(None, "linux"), ("qt", "linux"), (None, "darwin"), ("qt", "win32"), ("cef", "win32")],
)
def test_other_systems_and_backends_look_at_nothing(gui: str | None, platform: str) -> None:
    windows = FakeWindows()

    assert not webview2_missing(gui, platform=platform, calls=windows)
    assert windows.looked_up == []
    assert windows.shown == []
