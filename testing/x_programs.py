"""Other programs for the context tests: a selection owned by xclip, selection owners of our
own making that misbehave or send in chunks, and an X server with no window manager."""

import contextlib
import os
import select
import subprocess
import threading
import time
from collections.abc import Iterator

from Xlib import X, Xatom
from Xlib.display import Display
from Xlib.protocol import event as xevent
from Xlib.xobject.drawable import Window

from testing.x_display import SETTLE_TIMEOUT, wait_until
from testing.x_session import XSession


@contextlib.contextmanager
def xclip_selection(session: XSession, text: str, selection: str = "primary") -> Iterator[None]:
    """``text`` as the ``selection`` (primary, clipboard), owned by xclip until the block ends
    or another program takes it."""
    process = subprocess.Popen(
        ["xclip", "-quiet", "-selection", selection],
        env={**os.environ, **session.env},
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    with process.stdin:
        process.stdin.write(text.encode())
    try:
        wait_until(
            lambda: selection_text(session, selection) == text, "xclip did not take the selection"
        )
        yield
    finally:
        process.kill()
        process.wait(timeout=SETTLE_TIMEOUT)


def selection_text(session: XSession, selection: str = "primary") -> str | None:
    """The selection's text, as another program pasting it would get it; None when empty."""
    result = subprocess.run(
        ["xclip", "-o", "-selection", selection],
        env={**os.environ, **session.env},
        capture_output=True,
        timeout=SETTLE_TIMEOUT,
    )
    return result.stdout.decode() if result.returncode == 0 else None


class SelectionOwner:
    """A client that owns PRIMARY and answers each request in ``chunks`` (more than one: the
    ICCCM INCR transfer) after ``delay`` seconds, or never answers when ``chunks`` is None."""

    def __init__(self, display_name: str, chunks: list[bytes] | None, delay: float = 0.0) -> None:
        self._display = Display(display_name)
        self._chunks = chunks
        self._delay = delay
        self._window = self._display.screen().root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, X.InputOnly
        )
        self._window.set_selection_owner(Xatom.PRIMARY, X.CurrentTime)
        self._display.sync()
        self._stop_read, self._stop_write = os.pipe()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        if chunks is not None:
            self._thread.start()

    def close(self) -> None:
        os.write(self._stop_write, b"\0")
        if self._thread.is_alive():
            self._thread.join(SETTLE_TIMEOUT)
        os.close(self._stop_read)
        os.close(self._stop_write)
        self._display.close()

    def _serve(self) -> None:
        utf8 = self._display.intern_atom("UTF8_STRING")
        while self._wait_readable():
            while self._display.pending_events():
                request = self._display.next_event()
                if request.type == X.SelectionRequest:
                    self._answer(request, utf8)

    def _wait_readable(self, timeout: float | None = None) -> bool:
        readable, _, _ = select.select([self._display.fileno(), self._stop_read], [], [], timeout)
        return self._stop_read not in readable

    def _answer(self, request: xevent.SelectionRequest, utf8: int) -> None:
        assert self._chunks is not None
        time.sleep(self._delay)
        requestor: Window = request.requestor
        if len(self._chunks) == 1:
            requestor.change_property(request.property, utf8, 8, self._chunks[0])
        else:
            requestor.change_attributes(event_mask=X.PropertyChangeMask)
            requestor.change_property(
                request.property, self._display.intern_atom("INCR"), 32, [len(self._chunks)]
            )
        self._notify(request)
        if len(self._chunks) > 1:
            for chunk in [*self._chunks, b""]:
                self._wait_for_deletion(requestor, request.property)
                requestor.change_property(request.property, utf8, 8, chunk)
                self._display.flush()

    def _notify(self, request: xevent.SelectionRequest) -> None:
        notify = xevent.SelectionNotify(
            time=request.time,
            requestor=request.requestor,
            selection=request.selection,
            target=request.target,
            property=request.property,
        )
        request.requestor.send_event(notify)
        self._display.flush()

    def _wait_for_deletion(self, requestor: Window, atom: int) -> None:
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while time.monotonic() < deadline:
            while self._display.pending_events():
                event = self._display.next_event()
                if (
                    event.type == X.PropertyNotify
                    and event.window.id == requestor.id
                    and event.atom == atom
                    and event.state == X.PropertyDelete
                ):
                    return
            if not self._wait_readable(deadline - time.monotonic()):
                return
        raise TimeoutError("the requestor never took the chunk")


@contextlib.contextmanager
def bare_x_server() -> Iterator[str]:
    """An Xvfb with no window manager: no _NET_ACTIVE_WINDOW, only the input focus."""
    reader, writer = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writer), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(writer,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(writer)
    try:
        with os.fdopen(reader) as numbers:
            ready, _, _ = select.select([numbers], [], [], SETTLE_TIMEOUT)
            assert ready, "Xvfb did not report its display number"
            yield f":{numbers.readline().strip()}"
    finally:
        server.kill()
        server.wait(timeout=SETTLE_TIMEOUT)
