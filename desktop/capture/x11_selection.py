"""Reads the PRIMARY selection (the text last selected in any X program) in-process: a
ConvertSelection onto a private window of ours, answered by the selection's owner. Every wait
ends at a deadline, so an owner that never answers costs the budget and no more."""

import logging
import select
import time
from collections.abc import Callable

from Xlib import X, Xatom
from Xlib.display import Display
from Xlib.protocol import rq

from common.shared_context import SELECTION_LIMIT
from desktop.capture.x11_properties import decode_text

logger = logging.getLogger(__name__)

# Enough bytes for SELECTION_LIMIT characters of UTF-8 and one more: beyond it the text is
# truncated anyway, so the rest is never transferred.
MAX_BYTES = SELECTION_LIMIT * 4 + 4
_PROPERTY_NAME = "_CHATKIT_DESKTOP_SELECTION"


class PrimarySelectionReader:
    """Reads PRIMARY unless told another ``selection`` (inserting an answer reads CLIPBOARD, to
    put it back afterwards, and then needs all of it: ``max_bytes``)."""

    def __init__(
        self, display: Display, selection: int = Xatom.PRIMARY, max_bytes: int = MAX_BYTES
    ) -> None:
        self._display = display
        self._selection = selection
        self._max_bytes = max_bytes
        self._max_longs = max_bytes // 4 + 1
        # PropertyChangeMask: an INCR transfer announces each chunk with a PropertyNotify.
        self._window = display.screen().root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, X.InputOnly, event_mask=X.PropertyChangeMask
        )
        self._property = display.intern_atom(_PROPERTY_NAME)
        self._utf8 = display.intern_atom("UTF8_STRING")
        self._incr = display.intern_atom("INCR")

    def read(self, deadline: float) -> tuple[str, bool] | None:
        """The selected text and whether it had to be cut short (too long, or the owner too
        slow); None when nothing is selected, the owner refuses, or the deadline passes."""
        self._discard_events()
        if self._display.get_selection_owner(self._selection) == X.NONE:
            return None
        for target in (self._utf8, Xatom.STRING):
            self._window.convert_selection(self._selection, target, self._property, X.CurrentTime)
            self._display.flush()
            notify = self._wait_for(
                lambda event, target=target: self._answers(event, target), deadline
            )
            if notify is None:
                logger.info("the selection's owner did not answer in time")
                return None
            if notify.property != X.NONE:
                return self._fetch(deadline)
        return None

    def _answers(self, event: rq.Event, target: int) -> bool:
        return (
            event.type == X.SelectionNotify
            and event.requestor.id == self._window.id
            and event.selection == self._selection
            and event.target == target
        )

    def _fetch(self, deadline: float) -> tuple[str, bool] | None:
        reply = self._window.get_property(self._property, X.AnyPropertyType, 0, self._max_longs)
        if reply is None:
            return None
        if reply.property_type == self._incr:
            return self._fetch_incrementally(deadline)
        self._window.delete_property(self._property)
        self._display.flush()
        value = bytes(reply.value)
        return decode_text(self._display, reply.property_type, value), reply.bytes_after > 0

    def _fetch_incrementally(self, deadline: float) -> tuple[str, bool] | None:
        """ICCCM INCR: deleting the property asks for the next chunk; an empty chunk ends."""
        received = bytearray()
        text_type = self._utf8
        while len(received) <= self._max_bytes:
            self._window.delete_property(self._property)
            self._display.flush()
            if self._wait_for(self._new_chunk, deadline) is None:
                logger.info("the selection's owner was too slow sending it")
                break
            chunk = self._window.get_property(self._property, X.AnyPropertyType, 0, self._max_longs)
            if chunk is None or not chunk.value:
                self._window.delete_property(self._property)
                self._display.flush()
                return (decode_text(self._display, text_type, bytes(received)), False)
            text_type = chunk.property_type
            received += bytes(chunk.value)
        if not received:
            return None
        return decode_text(self._display, text_type, bytes(received)), True

    def _new_chunk(self, event: rq.Event) -> bool:
        return (
            event.type == X.PropertyNotify
            and event.window.id == self._window.id
            and event.atom == self._property
            and event.state == X.PropertyNewValue
        )

    def _wait_for(self, matches: Callable[[rq.Event], bool], deadline: float) -> rq.Event | None:
        while True:
            while self._display.pending_events():
                event = self._display.next_event()
                if matches(event):
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            select.select([self._display.fileno()], [], [], remaining)

    def _discard_events(self) -> None:
        """Answers that came after an earlier read gave up are stale."""
        while self._display.pending_events():
            self._display.next_event()
