"""Whether the profile's folders can be written: a folder the app cannot write loses
conversations, settings or the log. A folder that does not exist yet counts as writable when
the app could create it."""

import os
import tempfile
from pathlib import Path

from common.paths import Profile
from desktop.doctor.check import Check, failed, ok


def check_folders(profile: Profile) -> Check:
    folders = {"data": profile.data, "settings": profile.settings, "log": profile.logs}
    problems = [
        f"{role} folder {path}: {problem}"
        for role, path in folders.items()
        if (problem := _why_not_writable(path)) is not None
    ]
    if problems:
        return failed(
            "folders",
            "; ".join(problems),
            "Give your user write access to these folders, or choose another with --data-dir.",
        )
    described = ", ".join(f"{role} {path}" for role, path in folders.items())
    return ok("folders", f"writable: {described}")


def _why_not_writable(path: Path) -> str | None:
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            return "no part of it exists"
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a folder"
    if existing != path:
        return None if os.access(existing, os.W_OK | os.X_OK) else f"cannot create it in {existing}"
    try:
        with tempfile.TemporaryFile(dir=path):
            return None
    except OSError as error:
        return error.strerror or str(error)
