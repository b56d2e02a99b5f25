"""What the Linux bundle leaves out of what PyInstaller collects for PyQt6 and Qt WebEngine.

PyInstaller follows every Qt library that Qt WebEngine links, and with each its Python module,
plugins, QML files and translations: 585 MiB in all, most of it never loaded. What is kept:

- the Qt plugins the window loads on X11 and Wayland (platform, GL integration, input
  methods, the portal theme); not evdev, eglfs, VNC, printing, image formats (the window's
  PNG icons are built into QtGui, and the page's images are decoded by Chromium itself), TLS
  backends (Chromium has its own), network information, position, GTK3 theme;
- Chromium's English locale only (the page is English), and no Qt translations (Qt's own
  strings are English without them);
- of the shared libraries, only those the kept binaries link (``ldd`` gives the whole chain),
  so the GTK, CUPS and QML libraries that dropped plugins pulled in go too;
- and none of the few libraries that must be the system's own: Mesa's ``libgbm`` matches the
  system's graphics drivers, and those drivers, loaded into the process, need a C++ runtime at
  least as new as theirs; fontconfig and FreeType read the system's font configuration. The
  .deb depends on their packages instead.

Used by ``chatkit-desktop.spec`` on Linux only, while PyInstaller runs.
"""

import re
import subprocess
from collections.abc import Iterable
from pathlib import PurePosixPath

# PyInstaller's table-of-contents entries: (path in the bundle, source path, type).
Entry = tuple[str, str, str]

QT_DIR = PurePosixPath("PyQt6/Qt6")
QT_PLUGINS = QT_DIR / "plugins"
KEPT_PLUGINS = frozenset(
    {
        "platforms/libqxcb.so",
        "platforms/libqwayland.so",
        "xcbglintegrations/libqxcb-egl-integration.so",
        "xcbglintegrations/libqxcb-glx-integration.so",
        "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "platforminputcontexts/libibusplatforminputcontextplugin.so",
        "platformthemes/libqxdgdesktopportal.so",
        "wayland-shell-integration/libxdg-shell.so",
        "wayland-decoration-client/libbradient.so",
        "wayland-decoration-client/libadwaita.so",
        "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
    }
)
QT_TRANSLATIONS = QT_DIR / "translations"
KEPT_TRANSLATIONS = frozenset({"qtwebengine_locales/en-US.pak"})
# The DevTools front end (the inspector's own pages); remote debugging works without it.
UNUSED_RESOURCES = frozenset({QT_DIR / "resources/qtwebengine_devtools_resources.pak"})

SYSTEM_LIBRARIES = frozenset(
    {"libgbm.so.1", "libstdc++.so.6", "libgcc_s.so.1", "libfontconfig.so.1", "libfreetype.so.6"}
)

# Python modules never imported on Linux. Those of Qt libraries that Qt WebEngine links: their
# PyInstaller hooks would bring in QML and its plugins (the libraries still come, as link
# dependencies). pywebview's other backends: the bundle has no GTK bindings, CEF or Android, and
# the Windows and macOS ones cannot load here; nor can platformdirs' Windows part.
UNUSED_PYTHON_MODULES = (
    "PyQt6.QtDBus",
    "PyQt6.QtOpenGL",
    "PyQt6.QtOpenGLWidgets",
    "PyQt6.QtPositioning",
    "PyQt6.QtQml",
    "PyQt6.QtQuick",
    "PyQt6.QtQuickWidgets",
    "PyQt6.QtWebEngineQuick",
    "platformdirs.windows",
    "webview.platforms.android",
    "webview.platforms.cef",
    "webview.platforms.cocoa",
    "webview.platforms.edgechromium",
    "webview.platforms.gtk",
    "webview.platforms.mshtml",
    "webview.platforms.win32",
    "webview.platforms.winforms",
)

LDD_LINE = re.compile(r"^\s*(\S+) => (/\S+) \(")


def keep_data(entry: Entry) -> bool:
    path = PurePosixPath(entry[0])
    if path in UNUSED_RESOURCES:
        return False
    if path.is_relative_to(QT_TRANSLATIONS):
        return str(path.relative_to(QT_TRANSLATIONS)) in KEPT_TRANSLATIONS
    return True


def keep_binary(entry: Entry) -> bool:
    path = PurePosixPath(entry[0])
    if path.name in SYSTEM_LIBRARIES:
        return False
    if not path.is_relative_to(QT_PLUGINS):
        return True
    return str(path.relative_to(QT_PLUGINS)) in KEPT_PLUGINS


def linked_libraries(binary: str) -> set[str]:
    """File names of every shared library ``binary`` needs, directly or not."""
    listing = subprocess.run(
        ["ldd", binary], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return {found[1] for found in map(LDD_LINE.match, listing) if found}


def used_binaries(binaries: Iterable[Entry], dropped: Iterable[Entry]) -> list[Entry]:
    """``binaries`` less the libraries that only ``dropped`` binaries link.

    A library that nothing links (``libpython``, which the bootloader opens; NSS's modules,
    which NSS opens) is kept: it is there because something loads it by name.
    """
    binaries = list(binaries)
    links = {entry[0]: linked_libraries(entry[1]) for entry in [*binaries, *dropped]}
    linked = set().union(*links.values())
    roots = [entry for entry in binaries if PurePosixPath(entry[0]).name not in linked]
    needed = set().union(*(links[entry[0]] for entry in roots))
    return [entry for entry in binaries if entry in roots or PurePosixPath(entry[0]).name in needed]


def trim(binaries: list[Entry], datas: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    kept = used_binaries(
        [entry for entry in binaries if keep_binary(entry)],
        [entry for entry in binaries if not keep_binary(entry)],
    )
    kept_paths = {entry[0] for entry in kept}
    # PyInstaller lists its links to Qt's libraries (name -> PyQt6/Qt6/lib/name) with the data.
    return kept, [
        entry
        for entry in datas
        if keep_data(entry) and (entry[2] != "SYMLINK" or entry[1] in kept_paths)
    ]
