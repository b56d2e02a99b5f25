"""The page shell (``web/index.html``) asks for every module the page may import at once, so
start-up waits for one round of requests instead of one per level of imports."""

import re
from html.parser import HTMLParser
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"
STATIC = WEB / "static"
# import … from "x"; export … from "x"; import "x"; import("x")
IMPORT = re.compile(
    r"""(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["'](?P<from>[^"']+)["']"""
    r"""|(?:^|\n)\s*import\s*["'](?P<bare>[^"']+)["']"""
    r"""|\bimport\(\s*["'](?P<dynamic>[^"']+)["']\s*\)"""
)


class ModulePreloads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "modulepreload":
            self.urls.append(str(found["href"]))


def url_of(path: Path) -> str:
    """``web/vendor`` is served under ``/static/vendor``, beside ``web/static``."""
    if path.is_relative_to(STATIC):
        return f"/static/{path.relative_to(STATIC).as_posix()}"
    return f"/static/{path.relative_to(WEB).as_posix()}"


def file_of(url: str) -> Path:
    relative = url.removeprefix("/static/")
    return WEB / relative if relative.startswith("vendor/") else STATIC / relative


def imported_by(module: Path) -> set[Path]:
    imports = set()
    for match in IMPORT.finditer(module.read_text()):
        specifier = match["from"] or match["bare"] or match["dynamic"]
        if specifier.startswith("/"):
            imports.add(file_of(specifier))
        else:
            imports.add((module.parent / specifier).resolve())
    return imports


def every_module_the_page_may_import() -> set[str]:
    entry = STATIC / "main.js"
    seen: set[Path] = set()
    waiting = [entry]
    while waiting:
        module = waiting.pop()
        if module not in seen:
            seen.add(module)
            waiting.extend(imported_by(module))
    return {url_of(module) for module in seen - {entry}}


def preloaded() -> list[str]:
    parser = ModulePreloads()
    parser.feed((WEB / "index.html").read_text())
    return parser.urls


def test_every_module_the_page_may_import_is_preloaded_and_nothing_else() -> None:
    listed = preloaded()
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert set(listed) == every_module_the_page_may_import()


def test_every_preloaded_module_exists() -> None:
    for url in preloaded():
        assert file_of(url).is_file(), url


def test_the_import_graph_is_read_whole() -> None:
    # Guards the test above: a reader that missed imports would agree with a short list.
    modules = every_module_the_page_may_import()
    assert "/static/history/view.js" in modules  # a dynamic import
    assert "/static/vendor/marked.esm.js" in modules  # an absolute one
    assert "/static/settings/shortcut-field.js" in modules  # three levels down
