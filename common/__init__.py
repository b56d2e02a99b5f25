"""What both the desktop app and its server need, importing neither: where the files are, the
running app's runtime file, the API key in the keyring, the context shared with a message and the
shortcut's combination."""
