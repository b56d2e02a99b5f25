"""Tuning of the server's process: the garbage collector and the GIL's switch interval."""
