"""The API key as the server knows it, without ever waiting on the keyring where a person waits.

Reading the system keyring can block for as long as the Secret Service's prompt ("Unlock
keyring", "Choose password for new keyring") stays open. So the server reads it once, on a
thread of its own, and keeps the answer: the status the first screen asks for answers at once
(``reading``, then ``waiting`` once the read has taken long enough that a prompt is likely
open), and a page that wants the answer waits for it with a time limit of its own.

The keyring is not read at all while ``OPENAI_API_KEY`` is set, nor for an endpoint on this
computer (Ollama, LM Studio), which is sent no stored key: neither at start nor when sending.
A read that failed (a dismissed prompt) is tried again when an answer needs the key, never by
the status alone nor by the model picker's listing, so opening Settings does not prompt.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from chatkit.errors import CustomStreamError

from common.api_key import (
    KeyringProblem,
    KeyringUnavailable,
    KeySource,
    api_key_from_environment,
    read_stored_key,
)
from common.log_redaction import keep_out_of_logs
from server.settings.model_choice import needs_stored_key

logger = logging.getLogger(__name__)

# A read still going after this long is most likely held by a prompt the user has to answer.
PROMPT_LIKELY_AFTER_SECONDS = 1.5
# How long an answer waits for a read already under way before saying the keyring is waiting.
ANSWER_WAITS_SECONDS = 3.0

KeyringState = Literal["not_needed", "unread", "reading", "waiting", "read", "unavailable"]


class KeyringNotAnswered(RuntimeError):
    """An answer needs the stored key, and the keyring is still waiting for its prompt."""


WAITING_MESSAGE = (
    "Your keyring has not unlocked yet. Answer its prompt, then send again; or set the "
    "OPENAI_API_KEY environment variable instead."
)


@dataclass(frozen=True)
class _Outcome:
    key: str | None
    backend: str | None
    problem: str | None
    problem_kind: KeyringProblem | None


@dataclass(frozen=True)
class KeyView:
    """What the page is told about the key (never the key): the JSON of ``/api/status``."""

    source: KeySource | Literal["unknown"]
    keyring_state: KeyringState
    backend: str | None
    problem: str | None
    problem_kind: KeyringProblem | None
    stored_in_keyring: bool

    @property
    def pending(self) -> bool:
        return self.keyring_state in ("reading", "waiting")

    def as_json(self) -> dict[str, str | bool | None]:
        return {
            "source": self.source,
            "keyring_state": self.keyring_state,
            "backend": self.backend,
            "keyring_problem": self.problem,
            "keyring_problem_kind": self.problem_kind,
            "stored_in_keyring": self.stored_in_keyring,
        }


class StoredKey:
    """The one read of the keyring a server makes, and its answer. Thread-safe."""

    def __init__(
        self,
        read: Callable[[], tuple[str | None, str]] = read_stored_key,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read
        self._clock = clock
        self._lock = threading.Lock()
        self._outcome: _Outcome | None = None
        self._reading: threading.Event | None = None
        self._started_at = 0.0

    def view(self, base_url: str | None) -> KeyView:
        """Where the key for ``base_url`` comes from; starts the first read when one is needed,
        and never waits for it."""
        from_environment = api_key_from_environment() is not None
        if from_environment or not needs_stored_key(base_url):
            # What is stored is known only if this app stored or removed a key itself, or read
            # it earlier for another endpoint: no read for it.
            with self._lock:
                known = self._outcome
            stored = known is not None and known.key is not None
            backend = known.backend if known is not None else None
            source: KeySource = "environment" if from_environment else "none"
            return KeyView(source, "not_needed", backend, None, None, stored)
        self._start(again=False)
        with self._lock:
            outcome = self._outcome
            if outcome is None:
                waited = self._clock() - self._started_at
                state: KeyringState = (
                    "waiting" if waited >= PROMPT_LIKELY_AFTER_SECONDS else "reading"
                )
                return KeyView("unknown", state, None, None, None, False)
        if outcome.problem is not None:
            return KeyView(
                "none", "unavailable", None, outcome.problem, outcome.problem_kind, False
            )
        found: KeySource = "keyring" if outcome.key is not None else "none"
        return KeyView(found, "read", outcome.backend, None, None, outcome.key is not None)

    def key_for_answer(self) -> str | None:
        """The stored key for an answer that needs one: read again if the last read failed,
        waited for up to ``ANSWER_WAITS_SECONDS``; raises ``KeyringNotAnswered`` when the
        keyring is still held by its prompt. Blocking: call it off the event loop."""
        self._start(again=True)
        with self._lock:
            reading = self._reading
        if reading is not None:
            reading.wait(ANSWER_WAITS_SECONDS)
        with self._lock:
            outcome = self._outcome
        if outcome is None:
            raise KeyringNotAnswered(WAITING_MESSAGE)
        return outcome.key

    def known_key(self) -> str | None:
        """The stored key if a read has already found it, else ``None``: never starts a read
        nor waits for one, for what may go on without the key (listing an endpoint's models)."""
        with self._lock:
            outcome = self._outcome
        return outcome.key if outcome is not None else None

    def remember(self, key: str | None, backend: str | None) -> None:
        """The keyring's content after this app stored or removed the key itself."""
        with self._lock:
            self._outcome = _Outcome(key, backend, None, None)

    def _start(self, again: bool) -> None:
        with self._lock:
            if self._reading is not None:
                return
            outcome = self._outcome
            if outcome is not None and not (again and outcome.problem is not None):
                return
            self._reading = threading.Event()
            self._started_at = self._clock()
        threading.Thread(target=self._read_once, name="keyring-read", daemon=True).start()

    def _read_once(self) -> None:
        try:
            key, backend = self._read()
            outcome = _Outcome(key, backend, None, None)
            if key is not None:
                keep_out_of_logs(key)
        except KeyringUnavailable as error:
            logger.info("The keyring could not be read: %s", error)
            outcome = _Outcome(None, None, str(error), error.kind)
        except Exception as error:
            # A backend's bug must not leave the page waiting for ever.
            logger.exception("Reading the keyring failed")
            outcome = _Outcome(
                None, None, f"The keyring failed ({type(error).__name__}).", "failed"
            )
        with self._lock:
            self._outcome = outcome
            reading, self._reading = self._reading, None
        if reading is not None:
            reading.set()


class ServerApiKey:
    """The key an answer sends: ``OPENAI_API_KEY``, else the keyring's (``StoredKey``)."""

    def __init__(self, stored: StoredKey | None = None) -> None:
        self.stored = stored or StoredKey()

    def __call__(self) -> str | None:
        """For ``choose_model``, which asks only when the endpoint needs a stored key. A keyring
        still held by its prompt ends the answer with a sentence saying so."""
        from_environment = api_key_from_environment()
        if from_environment is not None:
            return from_environment
        try:
            return self.stored.key_for_answer()
        except KeyringNotAnswered as waiting:
            raise CustomStreamError(str(waiting), allow_retry=True) from waiting

    def known(self) -> str | None:
        """``OPENAI_API_KEY``, else the stored key if already read (``StoredKey.known_key``):
        for ``choose_model`` where the keyring must not be read, nor a failed read retried."""
        return api_key_from_environment() or self.stored.known_key()
