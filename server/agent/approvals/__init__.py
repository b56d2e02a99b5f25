"""Asking the user before a tool runs: the widget, the saved run, and resuming it."""
