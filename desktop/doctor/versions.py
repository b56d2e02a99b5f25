"""The versions a bug report needs first: the app's, Python's and the platform's."""

import platform
import sys
from importlib.metadata import version

from desktop.doctor.check import Check, ok


def check_versions() -> Check:
    return ok(
        "versions",
        f"chatkit-desktop {version('chatkit-desktop')}, Python {platform.python_version()} "
        f"({sys.executable}), {platform.platform()}",
    )
