"""What was in front of the user when they pressed the global shortcut: the active window and
the selected text, read only when the settings allow, never from our own window."""
