"""The native shell: the command line, the window, the hotkey and the OS context."""
