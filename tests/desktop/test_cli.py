import subprocess
import sys
from importlib.metadata import version

import pytest

from desktop.cli import build_parser


def test_version_answers_without_importing_the_server() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"chatkit-desktop {version('chatkit-desktop')}"
    assert "chatkit" not in {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert " agents" not in result.stderr


def test_help_lists_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, check=True
    )
    assert "serve" in result.stdout
    assert "key" in result.stdout
    assert "--data-dir" in result.stdout


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--data-dir", "/a"], "/a"),
        (["--data-dir", "/a", "serve"], "/a"),
        (["serve", "--data-dir", "/b"], "/b"),
        (["--data-dir", "/a", "serve", "--data-dir", "/b"], "/b"),
        (["key", "--data-dir", "/c", "status"], "/c"),
        (["serve"], None),
    ],
)
def test_data_dir_is_accepted_before_and_after_the_command(
    argv: list[str], expected: str | None
) -> None:
    args = build_parser().parse_args(argv)
    assert getattr(args, "data_dir", None) == expected
