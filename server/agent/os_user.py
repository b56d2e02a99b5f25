"""Who is signed in to the OS, from the password database (environment variables can lie)."""

import getpass
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class OsUser:
    login: str
    full_name: str


def current_os_user() -> OsUser:
    try:
        import pwd
    except ImportError:  # Windows has no password database; its login name is all we know.
        return OsUser(login=getpass.getuser(), full_name="")
    entry = pwd.getpwuid(os.getuid())
    return OsUser(
        login=entry.pw_name, full_name=full_name_from_gecos(entry.pw_gecos, entry.pw_name)
    )


def full_name_from_gecos(gecos: str, login: str) -> str:
    """The GECOS full name is the text before the first comma; ``&`` stands for the login name,
    capitalised (a BSD convention some systems still write)."""
    name = gecos.split(",", 1)[0].strip()
    return name.replace("&", login.capitalize())
