"""The window tests' private X display and app launcher, for the shortcut's end-to-end tests."""

from tests.desktop.window.conftest import launch, x_session

__all__ = ["launch", "x_session"]
