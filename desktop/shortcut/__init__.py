"""The global shortcut in the app: the user's combination registered with the platform's
backend (``desktop.shortcut.backends``), and what a press does (``desktop.capture``, then the
window)."""
