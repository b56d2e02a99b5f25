"""The global shortcut: which backend this session gets, and whether the combination in the
settings can be taken now (grabbed and released at once) or another program holds it. While the
app runs, it holds the combination itself, so the doctor asks it what became of it instead."""

import os
from collections.abc import Mapping
from pathlib import Path

from common.runtime_file import RuntimeInfo, read_live_runtime
from common.shortcut_combination import CombinationError, parse_combination
from desktop import running_app_api
from desktop.doctor.check import Check, failed, ok, warning
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.platform import create_shortcut_backend
from desktop.shortcut.backends.wayland import BIND_THE_COMMAND, is_wayland_session

NAME = "shortcut"


def check_shortcut(data: Path, setting: str, environ: Mapping[str, str] = os.environ) -> Check:
    if not setting:
        return ok(NAME, "none set (Settings → Shortcut)")
    running = read_live_runtime(data)
    if running is not None:
        return _as_the_running_app_says(running, setting)
    try:
        combination = parse_combination(setting)
    except CombinationError as error:
        return failed(NAME, f"{setting!r}: {error}", "Choose another shortcut in Settings.")
    if is_wayland_session(environ):
        # Asking the portal may make the desktop ask the person to confirm: not for a check.
        return warning(
            NAME,
            f"{combination.label()}: on Wayland the desktop's GlobalShortcuts portal decides",
            BIND_THE_COMMAND,
        )
    try:
        backend = create_shortcut_backend(environ)
        try:
            backend.register(combination, lambda: None)
        finally:
            backend.close()
    except ShortcutUnavailable as error:
        return failed(NAME, f"{combination.label()}: not available", str(error))
    return ok(NAME, f"{combination.label()} can be taken ({type(backend).__name__})")


def _as_the_running_app_says(running: RuntimeInfo, setting: str) -> Check:
    answer = running_app_api.get(running, "/api/shortcut")
    if answer is None or answer.status != 200:
        return warning(
            NAME,
            f"{setting}: the running app (pid {running.pid}) did not say what became of it",
            "Open Settings in the app: it shows the shortcut's state.",
        )
    if answer.body.get("combination") is None:
        # ``chatkit-desktop serve`` has the profile, and no shortcut of its own by design.
        served = f"{setting}: not taken while `chatkit-desktop serve` has this profile"
        return warning(NAME, served, str(answer.body.get("problem") or BIND_THE_COMMAND))
    label = answer.body["combination"]
    if answer.body.get("active"):
        return ok(NAME, f"{label} is held by the running app (pid {running.pid})")
    problem = answer.body.get("problem") or "not active"
    return failed(NAME, f"{label}: {problem}", "Choose another shortcut in Settings.")
