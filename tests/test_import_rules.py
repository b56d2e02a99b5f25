"""The rules of docs/architecture.md on what may import what, checked on every module's source:
a newcomer who breaks one learns it here, not from an import cycle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each folder, and the top-level packages its code must never import.
FORBIDDEN = {
    "common": {"desktop", "server", "web", "testing", "tests"},
    "server": {"desktop", "testing", "tests"},
    "desktop": {"testing", "tests"},
    "testing": {"tests"},
    "bench": {"tests"},
}


def imported_packages(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_module_imports_what_its_folder_may_not(folder: str) -> None:
    breaking = {
        str(source.relative_to(ROOT)): sorted(imported_packages(source) & FORBIDDEN[folder])
        for source in sorted((ROOT / folder).rglob("*.py"))
    }
    assert {name: found for name, found in breaking.items() if found} == {}


def test_the_checker_sees_imports_of_both_forms(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("import desktop.cli\nfrom server.http import app\nfrom . import sibling\n")
    assert imported_packages(source) == {"desktop", "server"}
