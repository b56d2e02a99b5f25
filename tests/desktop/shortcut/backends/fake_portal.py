"""A stand-in for xdg-desktop-portal's GlobalShortcuts portal, for tests only: it owns
org.freedesktop.portal.Desktop on a private session bus and answers CreateSession,
BindShortcuts and Session.Close the way the portal specification says (a Request object path
at once, its Response signal after), and emits Activated when a test presses a shortcut.
It binds every preferred trigger, except those in ``taken`` (bound to no key, as KDE does with
a conflict) and all of them when ``decline`` (the user said no)."""

import contextlib
import itertools
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    Message,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.threading import (
    DBusConnection,
    DBusRouter,
    Proxy,
    ReceiveStopped,
    open_dbus_connection,
)

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
TIMEOUT = 10.0


@contextlib.contextmanager
def private_session_bus() -> Iterator[str]:
    """A dbus-daemon of our own; its address."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        yield daemon.stdout.readline().strip()
    finally:
        daemon.kill()
        daemon.wait(timeout=TIMEOUT)
        if daemon.stdout is not None:
            daemon.stdout.close()


@dataclass
class Binding:
    session: str
    shortcut_id: str
    preferred_trigger: str


@dataclass
class FakeGlobalShortcutsPortal:
    address: str
    taken: set[str] = field(default_factory=set)
    decline: bool = False
    bindings: list[Binding] = field(default_factory=list)
    open_sessions: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._connection: DBusConnection = open_dbus_connection(self.address)
        with DBusRouter(self._connection) as router:
            Proxy(message_bus, router, timeout=TIMEOUT).RequestName(PORTAL_NAME)
        self._sessions = itertools.count(1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._connection.interrupt()
        self._thread.join(TIMEOUT)
        self._connection.close()

    def press(self, session: str, shortcut_id: str) -> None:
        """The user presses the key the desktop bound to ``shortcut_id``."""
        signal = new_signal(
            DBusAddress(PORTAL_PATH, interface=SHORTCUTS),
            "Activated",
            "osta{sv}",
            (session, shortcut_id, 123456, {}),
        )
        self._connection.send(signal)

    def _serve(self) -> None:
        with contextlib.suppress(ReceiveStopped, OSError):
            while True:
                message = self._connection.receive()
                if message.header.message_type == MessageType.method_call:
                    self._answer(message)

    def _answer(self, call: Message) -> None:
        fields = call.header.fields
        member = fields.get(HeaderFields.member)
        path = fields.get(HeaderFields.path)
        if member == "Get" and call.body == (SHORTCUTS, "version"):
            self._connection.send(new_method_return(call, "v", (("u", 1),)))
        elif member == "CreateSession":
            session = f"{PORTAL_PATH}/session/{self._sender(call)}/s{next(self._sessions)}"
            self.open_sessions.add(session)
            self._respond(call, call.body[0], 0, {"session_handle": ("s", session)})
        elif member == "BindShortcuts":
            self._bind(call)
        elif member == "Close" and path in self.open_sessions:
            self.open_sessions.discard(path)
            self._connection.send(new_method_return(call))
        else:
            self._connection.send(
                new_error(call, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),))
            )

    def _bind(self, call: Message) -> None:
        session, shortcuts, _parent, options = call.body
        if self.decline:
            self._respond(call, options, 1, {})
            return
        bound = []
        for shortcut_id, properties in shortcuts:
            trigger = properties["preferred_trigger"][1]
            self.bindings.append(Binding(session, shortcut_id, trigger))
            description = "" if trigger in self.taken else trigger.replace("+", " + ")
            bound.append(
                (
                    shortcut_id,
                    {
                        "description": properties["description"],
                        "trigger_description": ("s", description),
                    },
                )
            )
        self._respond(call, options, 0, {"shortcuts": ("a(sa{sv})", bound)})

    def _respond(self, call: Message, options: dict[str, Any], code: int, results: dict) -> None:
        """The Request's path at once, then its Response signal, as the portal does."""
        request = f"{PORTAL_PATH}/request/{self._sender(call)}/{options['handle_token'][1]}"
        self._connection.send(new_method_return(call, "o", (request,)))
        response = new_signal(
            DBusAddress(request, interface="org.freedesktop.portal.Request"),
            "Response",
            "ua{sv}",
            (code, results),
        )
        self._connection.send(response)

    @staticmethod
    def _sender(call: Message) -> str:
        return str(call.header.fields[HeaderFields.sender]).lstrip(":").replace(".", "_")
