"""The doctor's report as people read it (one line a check, the fix beneath what is not ok) and
as JSON. Paths under the home folder are shortened to ``~``: the report is made to be pasted
into a bug report."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.doctor.check import Check

MARKS = {"ok": "ok     ", "warning": "warning", "failed": "FAILED "}


def as_text(checks: Sequence[Check], home: Path | None = None) -> str:
    lines = []
    for check in checks:
        lines.append(f"{MARKS[check.status]}  {check.name}: {_short(check.detail, home)}")
        if check.fix is not None:
            lines.append(f"         → {_short(check.fix, home)}")
    failures = sum(check.status == "failed" for check in checks)
    warnings = sum(check.status == "warning" for check in checks)
    lines.append(
        f"{failures} failed, {warnings} {'warning' if warnings == 1 else 'warnings'}, "
        f"{len(checks)} checks"
    )
    return "\n".join(lines) + "\n"


def as_json(checks: Sequence[Check], home: Path | None = None) -> str:
    return json.dumps(as_report(checks, home), indent=2, ensure_ascii=False) + "\n"


def as_report(checks: Sequence[Check], home: Path | None = None) -> dict[str, Any]:
    """``{"checks": [{"name", "status", "detail", "fix"?}]}``, the home folder as ``~``."""
    return {
        "checks": [
            {key: _short(value, home) for key, value in check.as_json().items()} for check in checks
        ]
    }


def any_failed(checks: Sequence[Check]) -> bool:
    return any(check.status == "failed" for check in checks)


def _short(text: str, home: Path | None) -> str:
    home = home or Path.home()
    return text.replace(str(home), "~") if str(home) not in ("", "/") else text
