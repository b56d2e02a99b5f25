"""Whether closing the window may leave the app running in the background.

Only while a global hotkey can bring the window back: otherwise a closed window would leave an
invisible process the user can reach only through the tray, if there is one. The hotkey issue
replaces ``background_allowed`` with a check of its registered hotkey.
"""


def background_allowed() -> bool:
    return False
