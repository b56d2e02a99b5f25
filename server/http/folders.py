"""What the routes know of showing a folder in the system's file manager: the desktop side does
it (``desktop/folder_opener.py``); the server only carries its refusal to the page."""


class FolderNotOpened(Exception):
    """Why a folder could not be shown, in a sentence that names the folder, so the person can
    still find it by hand."""
