"""Inserting an answer into the window the latest ask captured: the window remembered at
capture time (``inserter``), and the paste itself, one thin backend per platform (``x11``,
``native`` over ``win32_insert_calls`` or ``mac_insert_calls``), chosen in ``platform``."""
