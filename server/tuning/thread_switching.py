"""How soon Python hands the GIL to another thread that is waiting for it: 1 ms, not 5.

The store writes from a thread of its own, which gives the GIL up at every SQLite call and
must wait for it back. While the event loop parses a fast model's burst it never waits, so the
writer got the GIL back once per switch interval: saving a thread's title, which ChatKit does
between two events of an answer, took up to 300 ms at 5 ms, and nothing was relayed meanwhile
(two answers in six in ``bench/stream.py``; none in sixteen at 1 ms, for the same total time).
"""

import sys

SWITCH_INTERVAL_SECONDS = 0.001


def switch_threads_promptly() -> None:
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
