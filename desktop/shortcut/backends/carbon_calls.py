"""The Carbon calls behind ``macos.MacShortcutBackend``, and nothing else: imported and made on
macOS only. Signatures as in HIToolbox's CarbonEventsCore.h and CarbonEvents.h. The Carbon Event
Manager belongs to the main thread, so every call runs there (libdispatch's main queue)."""

import ctypes
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")

CARBON = "/System/Library/Frameworks/Carbon.framework/Carbon"
LIB_SYSTEM = "/usr/lib/libSystem.B.dylib"


def four_char_code(code: bytes) -> int:
    return int.from_bytes(code, "big")


K_EVENT_CLASS_KEYBOARD = four_char_code(b"keyb")
K_EVENT_HOTKEY_PRESSED = 5
K_EVENT_HOTKEY_RELEASED = 6
K_EVENT_PARAM_DIRECT_OBJECT = four_char_code(b"----")
TYPE_EVENT_HOTKEY_ID = four_char_code(b"hkid")
HOTKEY_SIGNATURE = four_char_code(b"CKDT")


class EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


class EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


# OSStatus (*EventHandlerProcPtr)(EventHandlerCallRef, EventRef, void *userData)
EventHandlerProc = ctypes.CFUNCTYPE(
    ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
# void (*dispatch_function_t)(void *context)
DispatchFunction = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class CarbonShortcutCalls:
    def __init__(self) -> None:
        carbon = ctypes.CDLL(CARBON)
        system = ctypes.CDLL(LIB_SYSTEM)
        carbon.GetEventDispatcherTarget.restype = ctypes.c_void_p
        carbon.GetEventDispatcherTarget.argtypes = []
        carbon.InstallEventHandler.restype = ctypes.c_int32
        carbon.InstallEventHandler.argtypes = [
            ctypes.c_void_p,
            EventHandlerProc,
            ctypes.c_ulong,
            ctypes.POINTER(EventTypeSpec),
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        carbon.RegisterEventHotKey.restype = ctypes.c_int32
        carbon.RegisterEventHotKey.argtypes = [
            ctypes.c_uint32,
            ctypes.c_uint32,
            EventHotKeyID,
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.POINTER(ctypes.c_void_p),
        ]
        carbon.UnregisterEventHotKey.restype = ctypes.c_int32
        carbon.UnregisterEventHotKey.argtypes = [ctypes.c_void_p]
        carbon.GetEventParameter.restype = ctypes.c_int32
        carbon.GetEventParameter.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint32,
            ctypes.c_uint32,
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        carbon.GetEventKind.restype = ctypes.c_uint32
        carbon.GetEventKind.argtypes = [ctypes.c_void_p]
        system.pthread_main_np.restype = ctypes.c_int
        system.dispatch_sync_f.restype = None
        system.dispatch_sync_f.argtypes = [ctypes.c_void_p, ctypes.c_void_p, DispatchFunction]
        self._carbon = carbon
        self._system = system
        # dispatch_get_main_queue() is a macro for &_dispatch_main_q.
        self._main_queue = ctypes.addressof(ctypes.c_void_p.in_dll(system, "_dispatch_main_q"))
        # Kept alive while Carbon holds the pointer.
        self._handler: object | None = None

    def install_handler(self, on_event: Callable[[int, bool], None]) -> None:
        def handle(_call: int | None, event: int | None, _data: int | None) -> int:
            hotkey = EventHotKeyID()
            status = self._carbon.GetEventParameter(
                event,
                K_EVENT_PARAM_DIRECT_OBJECT,
                TYPE_EVENT_HOTKEY_ID,
                None,
                ctypes.sizeof(hotkey),
                None,
                ctypes.byref(hotkey),
            )
            if status == 0 and hotkey.signature == HOTKEY_SIGNATURE:
                pressed = self._carbon.GetEventKind(event) == K_EVENT_HOTKEY_PRESSED
                on_event(hotkey.id, pressed)
            return 0

        self._handler = EventHandlerProc(handle)
        kinds = (EventTypeSpec * 2)(
            EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOTKEY_PRESSED),
            EventTypeSpec(K_EVENT_CLASS_KEYBOARD, K_EVENT_HOTKEY_RELEASED),
        )
        status = self._on_main(
            lambda: self._carbon.InstallEventHandler(
                self._carbon.GetEventDispatcherTarget(), self._handler, 2, kinds, None, None
            )
        )
        if status:
            raise OSError(f"InstallEventHandler failed: {status}")

    def register_hotkey(self, key_code: int, modifiers: int, hotkey_id: int) -> tuple[int, object]:
        reference = ctypes.c_void_p()
        status = self._on_main(
            lambda: self._carbon.RegisterEventHotKey(
                key_code,
                modifiers,
                EventHotKeyID(HOTKEY_SIGNATURE, hotkey_id),
                self._carbon.GetEventDispatcherTarget(),
                0,
                ctypes.byref(reference),
            )
        )
        return int(status), reference

    def unregister_hotkey(self, reference: object) -> None:
        self._on_main(lambda: self._carbon.UnregisterEventHotKey(reference))

    def _on_main(self, call: Callable[[], Result]) -> Result:
        if self._system.pthread_main_np():
            return call()
        outcome: list[Result] = []
        failure: list[BaseException] = []

        def run(_context: int | None) -> None:
            try:
                outcome.append(call())
            except Exception as error:
                failure.append(error)

        work = DispatchFunction(run)
        self._system.dispatch_sync_f(self._main_queue, None, work)
        if failure:
            raise failure[0]
        return outcome[0]
