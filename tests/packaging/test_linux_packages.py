"""The .deb and the tarball: what they install where, the menu entry, and the tarball's
install script run as a person without root would."""

import os
import subprocess
import tarfile
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.packaging.conftest import APP_ID, LinuxPackage
from tests.packaging.installing import desktop_entry, run_install_script, validate

pytestmark = pytest.mark.timeout(900)

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


@pytest.fixture
def deb_root(linux_package: LinuxPackage, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    subprocess.run(
        ["dpkg-deb", "--extract", str(linux_package.deb), str(root)], check=True, timeout=300
    )
    return root


def test_the_deb_describes_itself(linux_package: LinuxPackage) -> None:
    fields = dict(
        line.split(": ", 1)
        for line in subprocess.run(
            ["dpkg-deb", "--field", str(linux_package.deb)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.splitlines()
        if ": " in line and not line.startswith(" ")
    )

    assert fields["Package"] == APP_ID
    assert fields["Version"] == version(APP_ID)
    depends = fields["Depends"].split(", ")
    assert any(package.startswith("libc6 (>= ") for package in depends)
    # What the bundle deliberately takes from the system.
    assert {"libgl1", "libgbm1", "libstdc++6", "libfontconfig1", "libxcb1"} <= set(depends)


def test_the_deb_installs_into_opt_and_registers_the_entry_and_icons(deb_root: Path) -> None:
    app = deb_root / "opt" / APP_ID / APP_ID
    command = deb_root / "usr" / "bin" / APP_ID
    entry = deb_root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"

    assert os.readlink(command) == f"/opt/{APP_ID}/{APP_ID}"
    validate(entry)
    fields = desktop_entry(entry)
    assert fields["Exec"] == f"/opt/{APP_ID}/{APP_ID}"
    assert fields["StartupWMClass"] == APP_ID
    assert fields["Icon"] == APP_ID
    hicolor = deb_root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    result = subprocess.run([str(app), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"{APP_ID} {version(APP_ID)}", result.stderr


def test_the_tarball_installs_into_local_and_uninstalls(
    linux_package: LinuxPackage, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    unpacked = tmp_path / "unpacked"
    with tarfile.open(linux_package.tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    local = isolated_user_dirs / ".local"
    entry = local / "share" / "applications" / f"{APP_ID}.desktop"

    installed = run_install_script(unpacked)

    assert installed.returncode == 0, installed.stderr
    app = local / "opt" / APP_ID / APP_ID
    assert (local / "bin" / APP_ID).resolve() == app.resolve()
    validate(entry)
    assert desktop_entry(entry)["Exec"] == f'"{app}"'
    assert (local / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    result = subprocess.run(
        [str(local / "bin" / APP_ID), "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == f"{APP_ID} {version(APP_ID)}", result.stderr

    again = run_install_script(unpacked)
    assert again.returncode == 0, again.stderr

    removed = run_install_script(unpacked, "--uninstall")

    assert removed.returncode == 0, removed.stderr
    assert not (local / "opt" / APP_ID).exists()
    assert not (local / "bin" / APP_ID).exists()
    assert not entry.exists()
    assert not list((local / "share" / "icons").rglob(f"{APP_ID}.*"))
