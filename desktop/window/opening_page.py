"""The window's page while the store opens slowly (a backup and a migration, or a large file
checked): what is being done, with a progress bar, instead of a blank page.

Why this way: the app's page cannot ask the server how far it has come, since the server is
what is not built yet; and the window already waits on the page's address, its request held
in the socket's backlog. So nothing changes for a normal start. Only once opening is slow
(``desktop/opening_progress.py``) does the window load this page, generated here, through
pywebview's own calls (the same on every backend); later steps reach it with ``evaluate_js``,
and once the store is open the window goes back to the app's address, whose request then waits
in the backlog for the few milliseconds the server still needs.

pywebview's calls wait for the window (and ``evaluate_js`` for the page) to be ready, so they
are made on a thread of this page's own: neither the store's opening nor Qt's thread waits on
them, and steps that come faster than the page takes them are skipped to the newest.
"""

import html
import json
import logging
import threading
from collections.abc import Callable
from typing import Protocol

logger = logging.getLogger(__name__)

STEP_ID = "opening-step"
BAR_ID = "opening-progress"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ChatKit Desktop</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; }
  main { display: grid; gap: 12px; justify-items: center; text-align: center; padding: 24px; }
  h1 { font-size: 1.15rem; font-weight: 600; margin: 0; }
  p { margin: 0; opacity: 0.8; }
  progress { width: min(320px, 80vw); }
</style>
</head>
<body>
<main role="status" aria-live="polite">
  <h1>Opening your conversations</h1>
  <p id="%(step_id)s">%(step)s</p>
  <progress id="%(bar_id)s" max="1"></progress>
</main>
<script>
  function showOpeningStep(step, fraction) {
    document.getElementById("%(step_id)s").textContent = step + "…";
    const bar = document.getElementById("%(bar_id)s");
    // Without a value the bar is indeterminate: a step whose length cannot be known.
    if (fraction === null) { bar.removeAttribute("value"); } else { bar.value = fraction; }
    bar.textContent = fraction === null ? "" : Math.round(fraction * 100) + " %%";
  }
  showOpeningStep(%(step_json)s, %(fraction_json)s);
</script>
</body>
</html>
"""


def page_html(step: str, fraction: float | None) -> str:
    return _PAGE % {
        "step_id": STEP_ID,
        "bar_id": BAR_ID,
        "step": html.escape(step) + "…",
        "step_json": _script_value(step),
        "fraction_json": _script_value(fraction),
    }


def _script_value(value: str | float | None) -> str:
    # "<" escaped so no value can close the script element it is written into.
    return json.dumps(value).replace("<", "\\u003c")


class _Window(Protocol):
    """What this page needs of pywebview's window."""

    def load_html(self, content: str, /) -> None: ...

    def evaluate_js(self, script: str, /) -> object: ...

    def load_url(self, url: str, /) -> None: ...


class OpeningPage:
    def __init__(self, page_url: str) -> None:
        self._page_url = page_url
        self._changed = threading.Condition()
        self._window: _Window | None = None
        self._step: tuple[str, float | None] | None = None
        self._finished = False
        self._worker: threading.Thread | None = None

    def attach(self, window: _Window) -> None:
        """The pywebview window, once made: the store may be slow before it exists."""
        with self._changed:
            self._window = window
            self._changed.notify()

    def show(self, step: str, fraction: float | None) -> None:
        """From any thread; returns at once."""
        with self._changed:
            self._step = (step, fraction)
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="opening-page", daemon=True)
                self._worker.start()
            self._changed.notify()

    def finish(self) -> None:
        """The store is open: the app's page again, if this one took its place."""
        with self._changed:
            self._finished = True
            self._changed.notify()

    def _run(self) -> None:
        loaded = False
        while True:
            with self._changed:
                self._changed.wait_for(
                    lambda: self._finished or (self._window is not None and self._step is not None)
                )
                window, step, finished = self._window, self._step, self._finished
                self._step = None
            if finished or window is None or step is None:
                break
            if loaded:
                _call(
                    window.evaluate_js,
                    f"showOpeningStep({_script_value(step[0])}, {_script_value(step[1])})",
                )
            else:
                loaded = _call(window.load_html, page_html(*step))
        if loaded and window is not None:
            _call(window.load_url, self._page_url)


def _call(method: Callable[[str], object], argument: str) -> bool:
    """Whether it worked. A window that will not take the page leaves the app's own to come;
    this thread must live on to send the window back to it."""
    try:
        method(argument)
    except Exception:
        logger.warning("the window refused a call while the store opened", exc_info=True)
        return False
    return True
