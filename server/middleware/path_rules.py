"""A set of request paths given as exact paths and prefixes."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PathRule:
    paths: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, paths: Iterable[str] = (), prefixes: Iterable[str] = ()) -> "PathRule":
        return cls(frozenset(paths), tuple(prefixes))

    def matches(self, path: str) -> bool:
        return path in self.paths or path.startswith(self.prefixes)
