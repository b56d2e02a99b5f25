"""Which addresses the app hands to the system browser: web addresses only, whatever their
case, and nothing that could open a file or run a script."""

import pytest

from common.system_browser import MAX_URL_LENGTH, UrlRefused, checked_web_url, open_in_browser


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://127.0.0.1:8080/path?q=1#top",
        "HTTPS://Example.COM/Docs",
        "https://user@example.com/",
        "https://[::1]:8443/",
    ],
)
def test_web_addresses_pass(url: str) -> None:
    assert checked_web_url(url) == url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "not file:"),
        ("javascript:alert(1)", "not javascript:"),
        (" javascript:alert(1)", "spaces"),
        ("data:text/html,<script>alert(1)</script>", "not data:"),
        ("mailto:someone@example.com", "not mailto:"),
        ("vscode://file/etc/passwd", "not vscode:"),
        ("example.com", "without a scheme"),
        ("//example.com/", "without a scheme"),
        ("https:///nohost", "no host"),
        ("https://exa mple.com", "spaces"),
        ("https://example.com/\nSet-Cookie: x", "control characters"),
        ("https://[::1/", "cannot be read"),
        ("", "must be text"),
        (None, "must be text"),
        ("https://example.com/" + "a" * MAX_URL_LENGTH, "longer than"),
    ],
)
def test_anything_else_is_refused_saying_why(url: object, reason: str) -> None:
    with pytest.raises(UrlRefused, match=reason):
        checked_web_url(url)


def test_opening_refuses_before_any_browser_is_started() -> None:
    with pytest.raises(UrlRefused):
        open_in_browser("file:///etc/passwd")
