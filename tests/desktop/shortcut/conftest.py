"""The window tests' app launcher, for the shortcut's end-to-end tests."""

from tests.desktop.window.conftest import launch

__all__ = ["launch"]
