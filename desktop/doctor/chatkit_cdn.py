"""Whether ChatKit's script can be fetched from OpenAI's CDN. Only a warning when not: the
built-in view works without it."""

import httpx

from desktop.doctor.check import Check, ok, warning

CHATKIT_SCRIPT_URL = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js"
LIMIT_SECONDS = 5.0


def check_chatkit_cdn(url: str = CHATKIT_SCRIPT_URL) -> Check:
    try:
        response = httpx.head(url, timeout=LIMIT_SECONDS, follow_redirects=True)
    except httpx.HTTPError as error:
        return _unreachable(url, str(error.__cause__ or error) or type(error).__name__)
    if response.status_code >= 400:
        return _unreachable(url, f"HTTP {response.status_code}")
    return ok("ChatKit", f"{url} reachable")


def _unreachable(url: str, why: str) -> Check:
    return warning(
        "ChatKit",
        f"cannot fetch {url}: {why}",
        "The app shows its built-in view instead. For ChatKit itself, allow "
        "cdn.platform.openai.com through your network or proxy.",
    )
