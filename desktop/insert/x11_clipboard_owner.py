"""Owning an X selection (CLIPBOARD; PRIMARY too for a terminal's Shift+Insert) with a text: on
X11 the clipboard is not a store but a promise, so whoever owns it must answer every paste (a
SelectionRequest) for as long as it owns it. The owner here has an X connection and a window of
its own, and answers on a thread of its own until another program takes the selection, or until
it is closed.

Texts larger than one X request are sent in chunks (ICCCM INCR)."""

import logging
import os
import select
import threading
from dataclasses import dataclass

from Xlib import X, Xatom
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.protocol import event as xevent
from Xlib.protocol import request as xrequest
from Xlib.protocol import rq
from Xlib.xobject.drawable import Window

logger = logging.getLogger(__name__)

# Well under the core protocol's largest request (256 KiB) with room for the request's header.
CHUNK_BYTES = 64 * 1024
CLOSE_LIMIT = 2.0


@dataclass
class _Transfer:
    """An INCR transfer under way: the requestor deletes the property for each next chunk."""

    requestor: Window
    property: int
    data: bytes
    kind: int
    sent: int = 0


class ClipboardOwner:
    def __init__(self, display_name: str | None, text: str, selection: str = "CLIPBOARD") -> None:
        self._display = Display(display_name)
        # Errors about a requestor that went away mid-transfer are not ours to report.
        self._display.set_error_handler(self._ignore_error)
        self._window = self._display.screen().root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, X.InputOnly
        )
        self._text = text
        self._selection = self._display.intern_atom(selection)
        self._targets = self._display.intern_atom("TARGETS")
        self._utf8 = self._display.intern_atom("UTF8_STRING")
        self._text_target = self._display.intern_atom("TEXT")
        self._incr = self._display.intern_atom("INCR")
        self._transfers: dict[tuple[int, int], _Transfer] = {}
        # Every X client's resources share the bits outside this mask: a requestor's client.
        self._client_mask = ~self._display.display.info.resource_id_mask
        self._readers: set[int] = set()
        self._read = threading.Condition()
        self._stop_read, self._stop_write = os.pipe()
        self._thread = threading.Thread(target=self._serve, name="clipboard-owner", daemon=True)
        self._closed = False

    def take(self) -> bool:
        """Becomes the clipboard's owner and starts answering; False when the X server did not
        make us the owner."""
        self._window.set_selection_owner(self._selection, X.CurrentTime)
        self._display.sync()
        if not self._is_owner():
            return False
        self._thread.start()
        return True

    def _is_owner(self) -> bool:
        owner = self._display.get_selection_owner(self._selection)
        return getattr(owner, "id", owner) == self._window.id

    def wait_until_read(self, window_id: int, timeout: float) -> bool:
        """Whether the program of ``window_id`` took the text (the whole of it) within
        ``timeout`` seconds. Others may read it too (a clipboard manager does, at once): they
        do not count."""
        client = window_id & self._client_mask
        with self._read:
            return self._read.wait_for(lambda: client in self._readers, timeout)

    @property
    def owns(self) -> bool:
        return self._thread.is_alive()

    def clear(self) -> None:
        """Leaves the clipboard empty, as it was before we took it, and closes; a program that
        took it meanwhile keeps it."""
        if self.owns:
            self._stop()
            if self._is_owner():
                xrequest.SetSelectionOwner(
                    display=self._display.display,
                    window=X.NONE,
                    selection=self._selection,
                    time=X.CurrentTime,
                )
                self._display.sync()
        self.close()

    def close(self) -> None:
        """Stops answering. If we still own the clipboard, the text goes with us."""
        if self._closed:
            return
        self._stop()
        self._closed = True
        os.close(self._stop_read)
        os.close(self._stop_write)
        self._display.close()

    def _stop(self) -> None:
        if self._thread.is_alive():
            os.write(self._stop_write, b"\0")
            self._thread.join(CLOSE_LIMIT)

    def _serve(self) -> None:
        try:
            while True:
                # Xlib may have read events off the socket already (during ``take``): those
                # would not wake the select.
                while self._display.pending_events():
                    event = self._display.next_event()
                    if event.type == X.SelectionClear:
                        # Another program has the clipboard now: we are done.
                        return
                    if event.type == X.SelectionRequest:
                        self._answer(event)
                    elif event.type == X.PropertyNotify and event.state == X.PropertyDelete:
                        self._next_chunk(event)
                readable, _, _ = select.select([self._display.fileno(), self._stop_read], [], [])
                if self._stop_read in readable:
                    return
        except (xerror.ConnectionClosedError, OSError) as error:
            logger.warning("the clipboard's X connection closed: %s", error)

    def _answer(self, request: xevent.SelectionRequest) -> None:
        # Clients from before ICCCM 2 leave the property out: the target names it then.
        property_atom = request.property or request.target
        requestor: Window = request.requestor
        if request.selection != self._selection:
            self._notify(request, X.NONE)
            return
        if request.target == self._targets:
            supported = [self._targets, self._utf8, self._text_target, Xatom.STRING]
            requestor.change_property(property_atom, Xatom.ATOM, 32, supported)
            self._notify(request, property_atom)
            return
        if request.target in (self._utf8, self._text_target):
            data, kind = self._text.encode(), self._utf8
        elif request.target == Xatom.STRING:
            data, kind = self._text.encode("latin-1", errors="replace"), Xatom.STRING
        else:
            self._notify(request, X.NONE)
            return
        if len(data) <= CHUNK_BYTES:
            requestor.change_property(property_atom, kind, 8, data)
            self._notify(request, property_atom)
            self._was_read_by(requestor)
            return
        # The requestor asks for each next chunk by deleting the property: hear it.
        requestor.change_attributes(event_mask=X.PropertyChangeMask)
        requestor.change_property(property_atom, self._incr, 32, [len(data)])
        self._transfers[(requestor.id, property_atom)] = _Transfer(
            requestor, property_atom, data, kind
        )
        self._notify(request, property_atom)

    def _next_chunk(self, event: rq.Event) -> None:
        transfer = self._transfers.get((event.window.id, event.atom))
        if transfer is None:
            return
        chunk = transfer.data[transfer.sent : transfer.sent + CHUNK_BYTES]
        transfer.requestor.change_property(transfer.property, transfer.kind, 8, chunk)
        self._display.flush()
        if not chunk:
            # The empty chunk ends the transfer.
            del self._transfers[(event.window.id, event.atom)]
            transfer.requestor.change_attributes(event_mask=X.NoEventMask)
            self._display.flush()
            self._was_read_by(transfer.requestor)
            return
        transfer.sent += len(chunk)

    def _was_read_by(self, requestor: Window) -> None:
        with self._read:
            self._readers.add(requestor.id & self._client_mask)
            self._read.notify_all()

    def _notify(self, request: xevent.SelectionRequest, property_atom: int) -> None:
        notify = xevent.SelectionNotify(
            time=request.time,
            requestor=request.requestor,
            selection=request.selection,
            target=request.target,
            property=property_atom,
        )
        request.requestor.send_event(notify)
        self._display.flush()

    @staticmethod
    def _ignore_error(error: xerror.XError, _request: object) -> None:
        logger.debug("X error while answering a paste: %s", error)
