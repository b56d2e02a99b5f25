"""One line of the doctor's report: what was checked, how it went, and what to do about it."""

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["ok", "warning", "failed"]


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str
    fix: str | None = None

    def as_json(self) -> dict[str, Any]:
        shape: dict[str, Any] = {"name": self.name, "status": self.status, "detail": self.detail}
        if self.fix is not None:
            shape["fix"] = self.fix
        return shape


def ok(name: str, detail: str) -> Check:
    return Check(name, "ok", detail)


def warning(name: str, detail: str, fix: str) -> Check:
    return Check(name, "warning", detail, fix)


def failed(name: str, detail: str, fix: str) -> Check:
    return Check(name, "failed", detail, fix)
