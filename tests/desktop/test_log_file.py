"""The log file as a command sets it up, each case in a process of its own: logging and the
exception hooks are the whole process's, and the test process's must stay pytest's."""

import itertools
import re
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.log_file import BACKUP_COUNT, LOG_FILE_NAME, MAX_BYTES

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+: "
)


def run_with_log(data: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Runs ``body`` after ``start_log`` has set up logging for ``data``."""
    script = textwrap.dedent(
        f"""
        import logging, threading
        from pathlib import Path
        from desktop.log_file import start_log

        start_log("test", Path({str(data)!r}), verbose=False)
        """
    ) + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )


def log_files(data: Path) -> list[Path]:
    return sorted((data / "log").glob(f"{LOG_FILE_NAME}*"))


def test_the_log_rotates_through_five_private_files_of_1_mb(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # About 5.6 MB: more than the five files hold, so the oldest lines are gone.
    run_with_log(
        data,
        """
        rotating = logging.getLogger("server.rotation")
        for number in range(5500):
            rotating.info("line %06d %s", number, "x" * 1000)
        """,
    )

    files = log_files(data)
    assert [path.name for path in files] == [LOG_FILE_NAME] + [
        f"{LOG_FILE_NAME}.{index}" for index in range(1, BACKUP_COUNT + 1)
    ]
    for path in files:
        assert path.stat().st_size <= MAX_BYTES
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    newest_first = [
        [int(number) for number in re.findall(r" line (\d{6}) ", path.read_text("utf-8"))]
        for path in files
    ]
    assert newest_first[0][-1] == 5499
    for newer, older in itertools.pairwise(newest_first):
        assert older[-1] < newer[0]
    assert newest_first[-1][0] > 0, "the oldest lines should have been dropped"
    assert all(LINE.match(line) for line in files[0].read_text("utf-8").splitlines())


def test_an_uncaught_exception_in_a_thread_is_logged_with_its_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_with_log(
        data,
        """
        def fail():
            raise RuntimeError("the worker's canary failure")

        worker = threading.Thread(target=fail, name="canary-worker")
        worker.start()
        worker.join()
        """,
    )

    log = (data / "log" / LOG_FILE_NAME).read_text("utf-8")
    assert "ERROR desktop.log_file: uncaught exception in thread canary-worker" in log
    assert "Traceback (most recent call last):" in log
    assert ", in fail\n" in log
    assert "RuntimeError: the worker's canary failure" in log
    # Still on standard error too, as Python's own hook printed it.
    assert "RuntimeError: the worker's canary failure" in result.stderr


def test_an_uncaught_exception_on_the_main_thread_is_logged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from desktop.log_file import start_log

        start_log("test", Path({str(data)!r}), verbose=False)
        raise LookupError("the main thread's canary failure")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 1
    log = (data / "log" / LOG_FILE_NAME).read_text("utf-8")
    assert "ERROR desktop.log_file: uncaught exception\n" in log
    assert "LookupError: the main thread's canary failure" in log
    assert "LookupError: the main thread's canary failure" in result.stderr


def test_an_exception_in_a_qt_callback_is_logged_and_the_app_goes_on(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_with_log(
        data,
        """
        from PyQt6.QtCore import QCoreApplication, QTimer

        def fail():
            raise RuntimeError("the Qt callback's canary failure")

        application = QCoreApplication([])
        QTimer.singleShot(0, fail)
        QTimer.singleShot(50, application.quit)
        application.exec()
        print("went on")
        """,
    )

    # PyQt6 aborts the process on such an exception unless sys.excepthook is someone's own.
    assert result.stdout == "went on\n"
    log = (data / "log" / LOG_FILE_NAME).read_text("utf-8")
    assert "ERROR desktop.log_file: uncaught exception\n" in log
    assert "RuntimeError: the Qt callback's canary failure" in log


def key_status(data: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """A short command that logs: ``key status``, which fails here for want of a keyring."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *options, "key", "--data-dir", str(data), "status"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_command_logs_its_start_and_exit_and_keeps_stderr_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = key_status(data)

    assert result.returncode == 1
    assert result.stderr.startswith("chatkit-desktop: No usable system keyring")
    assert "INFO" not in result.stderr
    lines = (data / "log" / LOG_FILE_NAME).read_text("utf-8").splitlines()
    assert re.search(r"INFO desktop.log_file: key started: chatkit-desktop \S+, Python 3", lines[0])
    assert lines[-1].endswith("INFO desktop.log_file: exiting with status 1")
    assert stat.S_IMODE((data / "log").stat().st_mode) == 0o700


def test_verbose_writes_debug_lines_to_stderr(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = key_status(data, "--verbose")

    log_path = data / "log" / LOG_FILE_NAME
    assert f"DEBUG desktop.log_file: logging to {log_path}" in result.stderr
    assert "INFO desktop.log_file: key started" in result.stderr
    assert "chatkit-desktop: No usable system keyring" in result.stderr
    # The file keeps to INFO and above either way.
    assert "DEBUG" not in log_path.read_text("utf-8")


def test_a_log_folder_that_cannot_be_made_is_reported_and_the_command_goes_on(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "log").write_text("a file where the folder should be")
    result = key_status(data)

    assert result.returncode == 1
    assert f"chatkit-desktop: cannot write the log file {data / 'log' / LOG_FILE_NAME}" in (
        result.stderr
    )
    assert "No usable system keyring" in result.stderr
    assert "Traceback" not in result.stderr
