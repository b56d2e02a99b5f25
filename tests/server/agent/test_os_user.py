import os
import pwd

import pytest

from server.agent.os_user import current_os_user, full_name_from_gecos


def test_the_login_comes_from_the_password_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "impostor")
    monkeypatch.setenv("LOGNAME", "impostor")
    assert current_os_user().login == pwd.getpwuid(os.getuid()).pw_name


@pytest.mark.parametrize(
    ("gecos", "expected"),
    [
        ("Ada Lovelace,Room 1,555,", "Ada Lovelace"),
        ("& Smith", "Ada Smith"),
        ("", ""),
        ("  Grace  ", "Grace"),
    ],
)
def test_full_name_is_the_first_gecos_field(gecos: str, expected: str) -> None:
    assert full_name_from_gecos(gecos, "ada") == expected
