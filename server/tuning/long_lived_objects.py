"""Keeps the garbage collector's full collections off what lives as long as the process.

Once the Agents SDK has loaded, the process holds about 220,000 objects that are never freed:
modules, classes, pydantic's schemas. Every full collection walked all of them, about 95 ms here
with the event loop and the window's Python stopped; one fell on an answer every few answers
and held its first words back by as long (``bench/stream.py``). Frozen once they are loaded, a
full collection walks only what came after them: about 8 ms.
"""

import gc


def freeze_long_lived_objects() -> None:
    # No collection first: it would stop everything for as long as the pause this avoids, to
    # free the dozen or so objects of garbage that are left once loading is done.
    gc.freeze()
