"""The Windows calls behind the WebView2 check, apart so that tests can stand in for them: the
registry through ``winreg``, the message box through user32. Imported on Windows only."""

import ctypes
import winreg

MB_OK_WITH_ERROR_ICON = 0x10


class Win32Calls:
    def registry_string(self, root: str, key: str, name: str) -> str | None:
        try:
            with winreg.OpenKey(getattr(winreg, root), key) as handle:
                value, kind = winreg.QueryValueEx(handle, name)
        except OSError:
            return None
        return value if kind == winreg.REG_SZ and isinstance(value, str) else None

    def show_error(self, title: str, message: str) -> None:
        ctypes.windll.user32.MessageBoxW(None, message, title, MB_OK_WITH_ERROR_ICON)
