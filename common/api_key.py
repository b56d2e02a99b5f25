"""The OpenAI API key: from ``OPENAI_API_KEY``, else the system keyring, and never from a file.

Only a real keyring is accepted (Secret Service, KWallet, macOS Keychain, Windows Credential
Manager, or another backend that keeps secrets out of plain files). ``keyring``'s own fallbacks
are refused: the ``fail`` and ``null`` backends, and every ``keyrings.alt`` backend or other
``Plaintext`` one, because those write the key (at best base64-encoded) to a plain file. Inside
a ``ChainerBackend`` they are dropped and the remaining members used. When nothing usable is
left, ``KeyringUnavailable`` says what to install.

Blocking: every function here that reaches the keyring may wait on D-Bus, or on an unlock
dialog until the user answers it. Call them off the UI thread and off the event loop (the
server uses ``asyncio.to_thread``).

The key never appears in a message, a log line or an exception raised from here.
"""

import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Literal

import keyring
import keyring.backend
import keyring.core
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.backends.null import Keyring as NullKeyring
from keyring.errors import KeyringLocked, NoKeyringError

from common.log_redaction import keep_out_of_logs

logger = logging.getLogger(__name__)
# Detection swaps keyring's process-wide choice; requests on other threads must not see it halfway.
_detection_lock = threading.Lock()

SERVICE_NAME = "chatkit-desktop"
USERNAME = "openai-api-key"
API_KEY_ENV = "OPENAI_API_KEY"
# Far above any provider's key, yet small enough that a pasted file or log is caught.
MAX_KEY_LENGTH = 4096

_NO_BACKEND = "no keyring backend was found"

KeySource = Literal["environment", "keyring", "none"]

# Readable names for the backends people meet; others fall back to keyring's own name.
_BACKEND_NAMES = {
    "keyring.backends.SecretService": "Secret Service",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
}


class InvalidApiKey(ValueError):
    """The text offered as a key cannot be one; the message says why without repeating it."""


KeyringProblem = Literal["dismissed", "missing", "failed"]


class KeyringUnavailable(RuntimeError):
    """No usable system keyring; the message says why and what to install or do.

    ``kind`` tells a prompt the user dismissed (the keyring is there, but stayed locked or was
    not created) from a keyring that is missing or refused, and from any other failure.
    """

    def __init__(self, message: str, kind: KeyringProblem = "failed") -> None:
        super().__init__(message)
        self.kind: KeyringProblem = kind


@dataclass(frozen=True)
class KeyStatus:
    """Where the key comes from, without the key, so it can go to the page as it is.

    ``backend`` names the keyring backend in use (``None`` when none is usable); ``problem``
    explains why the keyring cannot be used, and ``problem_kind`` which kind of problem it is;
    ``stored_in_keyring`` is also true when the environment variable overrides a stored key.
    """

    source: KeySource
    backend: str | None
    problem: str | None
    stored_in_keyring: bool
    problem_kind: KeyringProblem | None = None

    def as_json(self) -> dict[str, str | bool | None]:
        """The shape the Settings page reads (web/static/settings: ``keyring_problem``)."""
        return {
            "source": self.source,
            "backend": self.backend,
            "keyring_problem": self.problem,
            "keyring_problem_kind": self.problem_kind,
            "stored_in_keyring": self.stored_in_keyring,
        }


def validate_api_key(text: str) -> str:
    """The key without surrounding whitespace, or ``InvalidApiKey``.

    Only what an HTTP ``Authorization`` header can carry is required, under a generous length:
    keys of OpenAI-compatible servers come in many shapes, so no prefix or format is imposed.
    """
    key = text.strip()
    if not key:
        raise InvalidApiKey("The API key is empty.")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidApiKey(
            f"The API key is longer than {MAX_KEY_LENGTH} characters; paste only the key."
        )
    if any(character in "\r\n" for character in key):
        raise InvalidApiKey("The API key must be a single line.")
    if any(character.isspace() for character in key):
        raise InvalidApiKey("The API key must not contain spaces; paste only the key.")
    if not key.isascii() or not key.isprintable():
        raise InvalidApiKey(
            "The API key contains invisible or non-ASCII characters; paste only the key."
        )
    return key


def api_key_from_environment() -> str | None:
    """``OPENAI_API_KEY`` if set and not blank; it takes precedence over the keyring."""
    return os.environ.get(API_KEY_ENV, "").strip() or None


def read_api_key() -> str | None:
    """The key to use: ``OPENAI_API_KEY``, else the keyring's, else ``None``.

    An unusable keyring counts as no key (local servers often need none); why is logged.
    Blocking: see the module's docstring.
    """
    key = api_key_from_environment()
    if key is None:
        try:
            key = read_stored_key()[0]
        except KeyringUnavailable as error:
            logger.info("No API key from the keyring: %s", error)
            return None
    if key is not None:
        keep_out_of_logs(key)
    return key


def key_status() -> KeyStatus:
    """Where the key comes from, never the key. Blocking: see the module's docstring."""
    from_environment = api_key_from_environment() is not None
    try:
        stored, backend = read_stored_key()
    except KeyringUnavailable as error:
        return KeyStatus(
            source="environment" if from_environment else "none",
            backend=None,
            problem=str(error),
            stored_in_keyring=False,
            problem_kind=error.kind,
        )
    source: KeySource = "environment" if from_environment else "keyring" if stored else "none"
    return KeyStatus(
        source=source, backend=backend, problem=None, stored_in_keyring=stored is not None
    )


def store_api_key(text: str) -> str:
    """Validates the key and stores it in the keyring; returns the backend's name.

    Raises ``InvalidApiKey`` or ``KeyringUnavailable``. Blocking: see the module's docstring.
    """
    key = validate_api_key(text)
    name = store_secret_as(USERNAME, key, "the key")
    logger.info("API key stored in the keyring (%s)", name)
    return name


def clear_api_key() -> bool:
    """Removes the key from every usable keyring that holds it; ``False`` if none did.

    Raises ``KeyringUnavailable``. Blocking: see the module's docstring.
    """
    removed = delete_secret_as(USERNAME)
    for name in removed:
        logger.info("API key removed from the keyring (%s)", name)
    return bool(removed)


def store_secret_as(username: str, secret: str, what: str) -> str:
    """Keeps ``secret`` under this app's service and ``username`` in the preferred keyring;
    returns the backend's name. Raises ``KeyringUnavailable``, naming the secret as ``what``."""
    keep_out_of_logs(secret)
    target = _usable_backends()[0]
    name = backend_name(target)
    with _keyring_errors(target, secret=secret):
        target.set_password(SERVICE_NAME, username, secret)
        # A backend may accept a secret and drop it; only one that reads back counts as stored.
        kept = target.get_password(SERVICE_NAME, username) == secret
    if not kept:
        raise _unavailable(f"{name} did not keep {what}")
    return name


def read_secret_as(username: str) -> tuple[str | None, str]:
    """What is kept under ``username`` (stripped; ``None`` when nothing is) and the name of the
    backend that holds or would hold it. Raises ``KeyringUnavailable``."""
    backends = _usable_backends()
    for candidate in backends:
        with _keyring_errors(candidate):
            stored = candidate.get_password(SERVICE_NAME, username)
        if stored is not None and stored.strip():
            keep_out_of_logs(stored.strip())
            return stored.strip(), backend_name(candidate)
    return None, backend_name(backends[0])


def delete_secret_as(username: str) -> list[str]:
    """Removes ``username``'s entry from every usable keyring holding it; returns their names.
    Raises ``KeyringUnavailable``."""
    removed = []
    for candidate in _usable_backends():
        with _keyring_errors(candidate):
            # Backends disagree on what deleting a missing password raises, so look first.
            if candidate.get_password(SERVICE_NAME, username) is None:
                continue
            candidate.delete_password(SERVICE_NAME, username)
        removed.append(backend_name(candidate))
    return removed


def backend_name(backend: KeyringBackend) -> str:
    """A name for people: "Secret Service" rather than a class path."""
    module = type(backend).__module__
    for prefix, name in _BACKEND_NAMES.items():
        if module == prefix or module.startswith(f"{prefix}."):
            return name
    return str(type(backend).name)


def read_stored_key() -> tuple[str | None, str]:
    """The stored key (or ``None``) and the name of the backend that holds or would hold it.

    Ignores ``OPENAI_API_KEY``. Raises ``KeyringUnavailable``. Blocking: see the module's
    docstring."""
    return read_secret_as(USERNAME)


def _usable_backends() -> list[KeyringBackend]:
    """The backends that may hold the key, preferred first; never empty."""
    with _detection_lock:
        try:
            chosen = keyring.get_keyring()
            members = _members(chosen)
            if all(_refusal(member) for member in members):
                chosen = _detect_again()
                members = _members(chosen)
        except Exception as error:
            raise _unavailable(
                f"the configured keyring backend cannot be loaded ({error})"
            ) from None
    usable = [member for member in members if _refusal(member) is None]
    if usable:
        return usable
    reasons = dict.fromkeys(reason for reason in map(_refusal, members) if reason is not None)
    raise _unavailable("; ".join(reasons) or _NO_BACKEND, kind="missing")


def _detect_again() -> KeyringBackend:
    """keyring lists the viable backends and picks one once per process: forget both, so a
    keyring installed or started since then is found without restarting the app."""
    forget_viable = getattr(keyring.backend.get_all_keyring, "reset", None)
    if forget_viable is not None:
        with suppress(KeyError):  # nothing listed yet
            forget_viable()
    keyring.core.init_backend()
    return keyring.get_keyring()


def _members(chosen: KeyringBackend) -> list[KeyringBackend]:
    """The backends behind ``chosen``: a chainer's members, else ``chosen`` itself."""
    if isinstance(chosen, ChainerBackend):
        return list(chosen.backends)
    return [chosen]


def _refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold the key, or ``None`` when it may."""
    backend_class = type(backend)
    qualified = f"{backend_class.__module__}.{backend_class.__qualname__}"
    if isinstance(backend, FailKeyring):
        return _NO_BACKEND
    if isinstance(backend, NullKeyring):
        return f"{qualified} stores nothing"
    if backend_class.__module__.split(".")[:2] == ["keyrings", "alt"] or (
        "plaintext" in backend_class.__name__.lower()
    ):
        return f"{qualified} keeps secrets in a file, not in a system keyring"
    return None


@contextmanager
def _keyring_errors(backend: KeyringBackend, secret: str | None = None) -> Iterator[None]:
    """Turns any failure of ``backend`` into ``KeyringUnavailable``.

    Backends raise more than ``KeyringError`` (on Windows, raw ``pywintypes.error``), so every
    exception is caught. ``secret`` is blanked out of the backend's message in case it echoes it.
    """
    name = backend_name(backend)
    try:
        yield
    except KeyringLocked:
        raise _dismissed(f"The {name} keyring is locked: its unlock prompt was dismissed") from None
    except NoKeyringError:
        raise _unavailable(_NO_BACKEND, kind="missing") from None
    except Exception as error:
        if _prompt_was_dismissed(error):
            raise _dismissed(
                f"No {name} keyring was created: the prompt to create one was dismissed"
            ) from None
        # Backends end their messages with a period; the sentence around it adds its own.
        detail = str(error).strip().rstrip(".")
        if secret:
            detail = detail.replace(secret, "[the key]")
        described = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
        raise _unavailable(f"{name} failed ({described})") from None


def _prompt_was_dismissed(error: BaseException) -> bool:
    """secretstorage's ``PromptDismissedException``, which keyring wraps in an ``InitError``
    when the prompt to create the default keyring is cancelled; matched by name, since
    secretstorage exists only where the Secret Service backend does."""
    seen: BaseException | None = error
    while seen is not None:
        if type(seen).__name__ == "PromptDismissedException":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _dismissed(what_happened: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        f"{what_happened}, so the key kept there cannot be read. It asks again the next time "
        f"the key is needed; or set the {API_KEY_ENV} environment variable instead.",
        kind="dismissed",
    )


def _unavailable(reason: str, kind: KeyringProblem = "failed") -> KeyringUnavailable:
    return KeyringUnavailable(f"No usable system keyring: {reason}. {_advice()}", kind=kind)


def _advice() -> str:
    alternative = f"Then try again, or set the {API_KEY_ENV} environment variable instead."
    if sys.platform == "darwin":
        return f"Unlock your login keychain in Keychain Access. {alternative}"
    if sys.platform == "win32":
        return f"Make sure Windows Credential Manager is available. {alternative}"
    return (
        "Install a Secret Service such as gnome-keyring or KWallet "
        "(on Debian or Ubuntu: sudo apt-get install gnome-keyring) and make sure it is "
        f"running and unlocked. {alternative}"
    )
