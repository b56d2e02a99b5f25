"""Where a command's log lines go: ``chatkit-desktop.log`` in the profile's log folder, rotating
(five files of 1 MB), and standard error for what Python would print there anyway (warnings and
above that no library prints itself) or, with ``--verbose``, for our debug lines too.

Every uncaught exception lands in the file with its traceback: on the main thread, on any other
thread, and in Qt's callbacks (PyQt6 hands those to ``sys.excepthook``). The server's event
loop logs its own (``server/http/local_server.py``).

What must never be logged (the API key, the launch's token, header values, what the user wrote
or selected) is kept out by the code that logs; ``common.log_redaction`` blanks the known
secrets out of every line as well.
"""

import logging
import logging.handlers
import os
import platform
import sys
import threading
from importlib.metadata import version
from pathlib import Path
from types import TracebackType
from typing import TextIO

from common.log_redaction import SecretRedaction
from common.paths import profile_of

LOG_FILE_NAME = "chatkit-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 4
# The process id tells apart the lines of processes sharing the file (`ask` and the app).
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# What Python's last-resort handler printed before there was a log: the message alone.
QUIET_STDERR_FORMAT = "%(message)s"
VERBOSE_STDERR_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Debug lines from these only: the libraries' own debug output quotes requests, message text
# included (openai's "Request options").
OWN_PACKAGES = ("common", "desktop", "server")

logger = logging.getLogger(__name__)


def start_log(command: str, data: Path, verbose: bool) -> None:
    """Sends this process's logging to the profile's log file and standard error, catches
    uncaught exceptions, and logs the start of ``command``. A log file that cannot be written
    is reported on standard error and the command goes on without it."""
    redaction = SecretRedaction()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(_stderr_handler(verbose, redaction))
    if verbose:
        for package in OWN_PACKAGES:
            logging.getLogger(package).setLevel(logging.DEBUG)
    path = profile_of(data).logs / LOG_FILE_NAME
    try:
        root.addHandler(_file_handler(path, redaction))
    except OSError as error:
        logger.warning("chatkit-desktop: cannot write the log file %s: %s", path, error)
    else:
        logger.debug("logging to %s", path)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    logger.info(
        "%s started: chatkit-desktop %s, Python %s, %s",
        command,
        version("chatkit-desktop"),
        platform.python_version(),
        platform.platform(),
    )


def log_exit(status: int | str | None) -> None:
    """The last line of a command; ``status`` as ``sys.exit`` takes it."""
    logger.info("exiting with status %s", 0 if status is None else status)


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each file, the first and every one after a rotation, readable by its owner only:
    the log names the user's folders, endpoint and failures."""

    def _open(self) -> TextIO:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


def _file_handler(path: Path, redaction: logging.Filter) -> logging.Handler:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    handler.addFilter(redaction)
    return handler


def _stderr_handler(verbose: bool, redaction: logging.Filter) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handler.setFormatter(
        logging.Formatter(VERBOSE_STDERR_FORMAT if verbose else QUIET_STDERR_FORMAT)
    )
    handler.addFilter(_not_printed_elsewhere)
    handler.addFilter(redaction)
    return handler


def _not_printed_elsewhere(record: logging.LogRecord) -> bool:
    """False for a record that a logger on its way to the root has a handler for: pywebview
    prints its own lines on standard error, and once is enough."""
    current: logging.Logger | None = logging.getLogger(record.name)
    while current is not None and current is not logging.root:
        if current.handlers:
            return False
        if not current.propagate:
            break
        current = current.parent
    return True


def _log_uncaught(
    exc_type: type[BaseException],
    exc_value: BaseException,
    exc_traceback: TracebackType | None,
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        # Ctrl+C before a command's own handler: Python's usual two lines, not a fault.
        sys.__excepthook__(exc_type, exc_value, exc_traceback)
        return
    logger.error("uncaught exception", exc_info=(exc_type, exc_value, exc_traceback))


def _log_uncaught_in_thread(hook: threading.ExceptHookArgs) -> None:
    # threading's own hook ignores SystemExit: a thread may end itself that way.
    if issubclass(hook.exc_type, SystemExit):
        return
    name = hook.thread.name if hook.thread is not None else "unknown"
    logger.error(
        "uncaught exception in thread %s",
        name,
        exc_info=(hook.exc_type, hook.exc_value, hook.exc_traceback),
    )
