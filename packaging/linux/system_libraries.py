"""The Debian packages whose libraries the bundle loads from the system: what it does not carry
(glibc, the graphics stack, fontconfig, the C++ runtime), found by asking ``ldd`` about every
binary in it and ``dpkg`` which package owns each library outside it."""

import os
import re
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LDD_LINE = re.compile(r"=> (/\S+) \(")
LDD_MISSING = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
DPKG_OWNER = re.compile(r"^([^:,\s]+)(?::[^:\s]+)?(?:, [^:]+)*: (/.*)$")
GLIBC_PACKAGE = "libc6"


def bundle_binaries(bundle: Path) -> list[Path]:
    binaries = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == ELF_MAGIC:
                    binaries.append(path)
    return binaries


def outside_libraries(bundle: Path) -> set[Path]:
    """Libraries that the bundle's binaries load from outside it, as the bundle's own
    executable sets the search path: its folders first."""
    internal = bundle / "_internal"
    env = {
        **os.environ,
        "LD_LIBRARY_PATH": f"{internal}:{internal / 'PyQt6' / 'Qt6' / 'lib'}",
    }
    found: set[Path] = set()
    missing: set[str] = set()
    for binary in bundle_binaries(bundle):
        listing = subprocess.run(
            ["ldd", str(binary)], capture_output=True, text=True, env=env, check=False
        ).stdout
        missing.update(LDD_MISSING.findall(listing))
        for match in LDD_LINE.finditer(listing):
            library = Path(match[1])
            if not library.is_relative_to(bundle):
                found.add(library)
    if missing:
        # PyInstaller bundles what it finds on the build machine and says nothing of the rest.
        raise LookupError(
            f"the bundle needs libraries this machine lacks: {', '.join(sorted(missing))}; "
            "install them (tests/system-packages.sh) and build again"
        )
    return found


def owning_packages(libraries: set[Path]) -> set[str]:
    """The Debian packages that installed ``libraries``; raises if one belongs to none."""
    # dpkg knows a file by the path its package shipped it at: /lib or /usr/lib (merged /usr).
    candidates = {library: _spellings(library) for library in libraries}
    queried = sorted({str(path) for paths in candidates.values() for path in paths})
    answer = subprocess.run(
        ["dpkg", "--search", *queried], capture_output=True, text=True, check=False
    ).stdout
    owner_of = {found[2]: found[1] for found in map(DPKG_OWNER.match, answer.splitlines()) if found}
    packages = set()
    for library, spellings in candidates.items():
        owners = [owner_of[str(path)] for path in spellings if str(path) in owner_of]
        if not owners:
            raise LookupError(f"no Debian package owns {library}")
        packages.add(owners[0])
    return packages


def _spellings(library: Path) -> list[Path]:
    paths = [library, library.resolve()]
    for path in list(paths):
        if path.is_relative_to("/usr/lib"):
            paths.append(Path("/lib") / path.relative_to("/usr/lib"))
        elif path.is_relative_to("/lib"):
            paths.append(Path("/usr/lib") / path.relative_to("/lib"))
    return list(dict.fromkeys(paths))


def depends_field(bundle: Path) -> str:
    """The control file's ``Depends``. glibc at least as new as the build machine's: the
    bundled libraries were built against it."""
    glibc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    packages = owning_packages(outside_libraries(bundle)) | {GLIBC_PACKAGE}
    return ", ".join(
        f"{package} (>= {glibc.split()[-1]})" if package == GLIBC_PACKAGE and glibc else package
        for package in sorted(packages)
    )
