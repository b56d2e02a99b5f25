"""Putting an answer back into the window an ask came from: what the server and the desktop side
say to each other about it. The window itself (its X id, HWND or process) stays on the desktop
side; the server only learns its title and application, and when it was captured."""

from dataclasses import dataclass
from datetime import datetime

# The id of the Copy and Insert buttons' widget under an answer (server/agent/answer_actions.py):
# how the page, the model's input and search tell those buttons from the conversation's words.
ANSWER_ACTIONS_WIDGET = "answer-actions"
# A long answer is fine; a text this size pasted into someone's editor is not an answer.
INSERT_TEXT_LIMIT = 100_000
NO_CAPTURED_WINDOW = (
    "No window was captured at the latest ask: press the shortcut (or run `chatkit-desktop "
    "ask` without text) in the window the answer should go to."
)


class InsertRefused(Exception):
    """Nothing was inserted; the message says why, in words for the person."""


@dataclass(frozen=True)
class CapturedTarget:
    """The window captured at the latest ask. ``captured_at`` is local time, as the store's
    items are dated, so only answers given after it can go into this window."""

    title: str
    app: str
    captured_at: datetime
