"""The native shell: the command line, the window, the shortcut and the OS context."""
