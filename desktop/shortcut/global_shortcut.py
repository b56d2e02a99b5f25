"""The global shortcut as the user set it: registered with the platform's backend, registered
again when the setting changes, and what became of it, in words, for Settings."""

import dataclasses
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common.shortcut_combination import parse_combination
from desktop.shortcut.backends.base import ShortcutBackend, ShortcutUnavailable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShortcutState:
    label: str | None
    active: bool
    problem: str | None

    def describe(self) -> dict[str, Any]:
        """As ``GET /api/shortcut`` answers."""
        return {"combination": self.label, "active": self.active, "problem": self.problem}


NOT_SET = ShortcutState(label=None, active=False, problem=None)


class GlobalShortcut:
    def __init__(
        self,
        on_press: Callable[[], None],
        create_backend: Callable[[], ShortcutBackend],
        read_setting: Callable[[], str],
        on_close: Callable[[], None] = lambda: None,
    ) -> None:
        """``read_setting``: the combination as the settings hold it now (checked by them), or
        empty for none. ``on_close``: what a press uses (its X connections) closed with it."""
        self._on_press = on_press
        self._on_close = on_close
        self._create_backend = create_backend
        self._read_setting = read_setting
        self._backend: ShortcutBackend | None = None
        self._closed = False
        # Settings change it from a server thread. A portal may take many seconds to answer a
        # registration, so readers never wait for the lock: they see the last state whole.
        self._lock = threading.Lock()
        self._state = NOT_SET

    @property
    def active(self) -> bool:
        """Whether a press reaches the app now: then closing the window may keep it running."""
        return self._state.active

    def refresh(self) -> None:
        """Registers the combination the settings name now, or none. The setting is read under
        the lock, so of two changes in quick succession the later one is what stays registered.
        A combination that cannot be had is reported, not raised."""
        with self._lock:
            if self._closed:
                return
            setting = self._read_setting()
            if not setting:
                if self._backend is not None:
                    self._backend.unregister()
                if self._state != NOT_SET:
                    logger.info("the global shortcut is turned off")
                self._state = NOT_SET
                return
            combination = parse_combination(setting)
            label = combination.label()
            if self._state.active and label == self._state.label:
                return
            logger.info("registering the global shortcut %s", label)
            try:
                if self._backend is None:
                    self._backend = self._create_backend()
                self._backend.register(combination, self._on_press)
            except ShortcutUnavailable as error:
                self._state = ShortcutState(label=label, active=False, problem=str(error))
                logger.warning("the global shortcut is not available: %s", error)
            else:
                self._state = ShortcutState(label=label, active=True, problem=None)
                logger.info(
                    "the global shortcut %s is registered (%s)", label, type(self._backend).__name__
                )

    def describe(self) -> dict[str, Any]:
        return self._state.describe()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._backend is not None:
                self._backend.close()
                self._backend = None
            self._state = dataclasses.replace(self._state, active=False)
        self._on_close()
