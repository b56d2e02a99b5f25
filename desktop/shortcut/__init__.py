"""The global shortcut in the app: the user's combination registered with the platform's
backend (``desktop.hotkey``), and what a press does (``desktop.context``, then the window)."""
