"""The vendored libraries are what package-lock.json pins, each with its licence beside it.
(``web/vendor/refresh.sh`` rebuilds them; it needs the npm registry, so no test runs it.)"""

import json
import re
from pathlib import Path

import pytest

VENDOR = Path(__file__).parents[3] / "web" / "vendor"
# Each vendored file, the package it comes from, how its header names the version, its licences.
VENDORED = {
    "marked": ("marked.esm.js", r"marked v(\S+) ", ["marked.LICENSE.md"]),
    "dompurify": (
        "purify.es.mjs",
        r"@license DOMPurify (\S+) ",
        ["dompurify.LICENSE-Apache-2.0", "dompurify.LICENSE-MPL-2.0"],
    ),
}


def test_versions_are_pinned_exactly_and_locked() -> None:
    declared = json.loads((VENDOR / "package.json").read_text())["dependencies"]
    lock = json.loads((VENDOR / "package-lock.json").read_text())

    assert set(declared) == set(VENDORED)
    for package, version in declared.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{package} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{package}"]["version"] == version
        assert lock["packages"][f"node_modules/{package}"]["integrity"].startswith("sha512-")


@pytest.mark.parametrize("package", sorted(VENDORED))
def test_each_vendored_file_is_the_locked_version_with_its_licence(package: str) -> None:
    filename, version_pattern, licences = VENDORED[package]
    version = json.loads((VENDOR / "package.json").read_text())["dependencies"][package]

    header = (VENDOR / filename).read_text(encoding="utf-8")[:1000]

    found = re.search(version_pattern, header)
    assert found is not None and found[1] == version
    for licence in licences:
        assert (VENDOR / licence).stat().st_size > 500
