"""Runs work on Qt's GUI thread from any thread: Qt widgets may only be touched there."""

import logging
from collections.abc import Callable

from qtpy.QtCore import QObject, Qt, Signal

logger = logging.getLogger(__name__)


class GuiThread(QObject):
    """Create it on the GUI thread; ``run`` queues work there, even when called from it, so a
    caller inside a Qt handler never re-enters the toolkit."""

    _work = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._work.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def run(self, work: Callable[[], None]) -> None:
        self._work.emit(work)

    @staticmethod
    def _run(work: Callable[[], None]) -> None:
        # An exception escaping a slot makes PyQt abort the whole process.
        try:
            work()
        except Exception:
            logger.exception("window work failed")
