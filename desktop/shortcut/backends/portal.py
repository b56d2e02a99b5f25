"""The global shortcut on Wayland: the xdg-desktop-portal GlobalShortcuts portal (KDE, GNOME 48
and later, Hyprland), over D-Bus with jeepney. The portal, not this app, owns the key: we ask
for a trigger, the desktop (often after asking the user) binds it, and says when it fires.

Each portal call answers with a Request object that later emits ``Response``; the Response
rule is subscribed before the call, so no answer is missed."""

import itertools
import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from jeepney import (
    DBusAddress,
    DBusErrorResponse,
    MatchRule,
    Message,
    Properties,
    message_bus,
    new_method_call,
)
from jeepney.io.common import FilterHandle
from jeepney.io.threading import DBusConnection, DBusRouter, Proxy, open_dbus_connection
from jeepney.wrappers import unwrap_msg

from common.shortcut_combination import Combination
from common.shortcut_keys import xkb_keysym_name
from desktop.shortcut.backends.base import ShortcutUnavailable
from desktop.shortcut.backends.wayland import no_global_shortcuts

logger = logging.getLogger(__name__)

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS_INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
SESSION_INTERFACE = "org.freedesktop.portal.Session"
SHORTCUT_ID = "ask"
SHORTCUT_DESCRIPTION = "Ask ChatKit Desktop about what is on screen"
# Modifier names of the XDG shortcuts specification, which preferred_trigger follows.
TRIGGER_MODIFIERS = {"ctrl": "CTRL", "alt": "ALT", "shift": "SHIFT", "super": "LOGO"}
CALL_TIMEOUT = 5.0
# Binding may show the user a dialog; they get time to read it.
RESPONSE_TIMEOUT = 60.0
RESPONSE_CANCELLED = 1

SHORTCUTS = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=SHORTCUTS_INTERFACE)

Messages = queue.Queue[Message | None]


def preferred_trigger(combination: Combination) -> str:
    """e.g. "CTRL+ALT+space" for Ctrl+Alt+Space."""
    modifiers = [
        symbol for name, symbol in TRIGGER_MODIFIERS.items() if name in combination.modifiers
    ]
    return "+".join([*modifiers, xkb_keysym_name(combination.key)])


class PortalShortcutBackend:
    def __init__(
        self, connection: DBusConnection, response_timeout: float = RESPONSE_TIMEOUT
    ) -> None:
        self._connection = connection
        self._router = DBusRouter(connection)
        self._bus = Proxy(message_bus, self._router, timeout=CALL_TIMEOUT)
        self._response_timeout = response_timeout
        self._tokens = itertools.count(1)
        self._lock = threading.Lock()
        self._session: str | None = None
        self._on_press: Callable[[], None] | None = None
        self._closed = False
        try:
            self._require_portal()
            activated = MatchRule(
                type="signal", interface=SHORTCUTS_INTERFACE, member="Activated", path=PORTAL_PATH
            )
            self._activations = self._subscribe(activated, queue.Queue())
        except BaseException:
            self._router.close()
            raise
        self._thread = threading.Thread(target=self._dispatch, name="portal-shortcut", daemon=True)
        self._thread.start()

    @classmethod
    def on_session_bus(cls) -> "PortalShortcutBackend":
        try:
            connection = open_dbus_connection("SESSION")
        except (OSError, KeyError, ValueError) as error:
            # No session bus, so no portal either.
            raise no_global_shortcuts() from error
        try:
            return cls(connection)
        except BaseException:
            connection.close()
            raise

    def register(self, combination: Combination, on_press: Callable[[], None]) -> None:
        with self._lock:
            if self._closed:
                raise ShortcutUnavailable("The shortcut has been closed; restart the app.")
            # A session binds its shortcuts once: a new combination needs a new session.
            self._close_session()
            session = self._create_session()
            try:
                trigger = self._bind(session, combination)
            except BaseException:
                self._close_session_handle(session)
                raise
            self._session, self._on_press = session, on_press
        logger.info("global shortcut bound through the portal: %s", trigger)

    def unregister(self) -> None:
        with self._lock:
            self._close_session()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._close_session()
        self._activations.queue.put(None)
        if threading.current_thread() is not self._thread:
            self._thread.join()
        self._router.close()
        self._connection.close()

    def _require_portal(self) -> None:
        try:
            Proxy(Properties(SHORTCUTS), self._router, timeout=CALL_TIMEOUT).get("version")
        except (DBusErrorResponse, TimeoutError) as error:
            logger.info("no GlobalShortcuts portal: %s", error)
            raise no_global_shortcuts() from error

    def _create_session(self) -> str:
        results = self._request(
            "CreateSession",
            "a{sv}",
            lambda token: ({"session_handle_token": ("s", f"session_{token}")},),
        )
        return str(results["session_handle"][1])

    def _bind(self, session: str, combination: Combination) -> str:
        shortcut = {
            "description": ("s", SHORTCUT_DESCRIPTION),
            "preferred_trigger": ("s", preferred_trigger(combination)),
        }
        results = self._request(
            "BindShortcuts",
            "oa(sa{sv})sa{sv}",
            lambda _: (session, [(SHORTCUT_ID, shortcut)], "", {}),
            cancelled=ShortcutUnavailable(
                f"{combination.label()} was not allowed: the desktop's shortcut request was "
                "declined. Choose the shortcut again in Settings to be asked once more."
            ),
        )
        bound = dict(results.get("shortcuts", ("a(sa{sv})", []))[1])
        trigger = bound.get(SHORTCUT_ID, {}).get("trigger_description", ("s", ""))[1]
        if not trigger:
            raise ShortcutUnavailable(
                f"The desktop did not give {combination.label()} to ChatKit Desktop, perhaps "
                "because another program uses it. Give “Ask ChatKit Desktop” a key in the "
                "desktop's shortcut settings, or choose another shortcut in Settings."
            )
        return str(trigger)

    def _request(
        self,
        method: str,
        signature: str,
        body: Callable[[str], tuple[Any, ...]],
        cancelled: ShortcutUnavailable | None = None,
    ) -> dict[str, Any]:
        """Calls ``method`` with a fresh handle_token added to its options (the last argument)
        and waits for the Request's Response: its results, or ShortcutUnavailable."""
        token = f"chatkit{os.getpid()}_{next(self._tokens)}"
        sender = self._router.unique_name.lstrip(":").replace(".", "_")
        request_path = f"{PORTAL_PATH}/request/{sender}/{token}"
        arguments = body(token)
        arguments[-1]["handle_token"] = ("s", token)
        responses = self._subscribe(
            MatchRule(
                type="signal", interface=REQUEST_INTERFACE, member="Response", path=request_path
            ),
            queue.Queue(maxsize=1),
        )
        try:
            call = new_method_call(SHORTCUTS, method, signature, arguments)
            unwrap_msg(self._router.send_and_get_reply(call, timeout=CALL_TIMEOUT))
            response = responses.queue.get(timeout=self._response_timeout)
        except (DBusErrorResponse, TimeoutError) as error:
            logger.warning("the portal's %s failed: %s", method, error)
            raise ShortcutUnavailable(
                "The desktop's shortcut service did not work. Bind the command "
                "`chatkit-desktop ask` to a key in the desktop's keyboard settings instead."
            ) from error
        except queue.Empty as error:
            raise ShortcutUnavailable(
                "The desktop did not answer the shortcut request in time. Try again in Settings."
            ) from error
        finally:
            self._unsubscribe(responses)
        code, results = response.body
        if code == RESPONSE_CANCELLED and cancelled is not None:
            raise cancelled
        if code:
            raise ShortcutUnavailable(
                f"The desktop refused the shortcut (its {method} answered {code}). "
                "Choose another shortcut in Settings."
            )
        return dict(results)

    def _subscribe(self, rule: MatchRule, messages: Messages) -> FilterHandle:
        handle = self._router.filter(rule, queue=messages)
        self._bus.AddMatch(rule)
        return handle

    def _unsubscribe(self, handle: FilterHandle) -> None:
        handle.close()
        self._bus.RemoveMatch(handle.rule)

    def _close_session(self) -> None:
        if self._session is not None:
            self._close_session_handle(self._session)
        self._session, self._on_press = None, None

    def _close_session_handle(self, session: str) -> None:
        address = DBusAddress(session, bus_name=PORTAL_NAME, interface=SESSION_INTERFACE)
        try:
            self._router.send_and_get_reply(new_method_call(address, "Close"), timeout=CALL_TIMEOUT)
        except (OSError, TimeoutError) as error:
            logger.warning("could not close the portal session: %s", error)

    def _dispatch(self) -> None:
        while (signal := self._activations.queue.get()) is not None:
            session, shortcut_id = signal.body[0], signal.body[1]
            with self._lock:
                on_press = self._on_press if session == self._session else None
            if on_press is None or shortcut_id != SHORTCUT_ID:
                continue
            try:
                on_press()
            except Exception:
                logger.exception("the global shortcut's handler failed")
