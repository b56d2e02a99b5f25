"""``chatkit-desktop serve``: the local server without a window, for a browser."""

import argparse
import asyncio
import signal
import sys
from types import FrameType

from common.paths import data_dir


def run(args: argparse.Namespace) -> int:
    from desktop.doctor.app_diagnostics import AppDiagnostics
    from desktop.opening_progress import SlowOpening, print_steps
    from server.http.local_server import LocalServer
    from server.routes.diagnostics import attach_diagnostics
    from server.store import StoreError
    from server.tuning.long_lived_objects import freeze_long_lived_objects

    # The terminal hears what a slow opening is doing; the page's address comes after it.
    opening = SlowOpening(print_steps())
    try:
        local = LocalServer(
            data_dir(args.data_dir), port=args.port, on_store_progress=opening.report
        )
    except StoreError as error:
        print(f"chatkit-desktop: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"chatkit-desktop: cannot listen on port {args.port}: {error}", file=sys.stderr)
        return 1
    finally:
        # Nothing to take back on a terminal, whether it opened or not: this stops the timer.
        opening.finish()
    local.chatkit_server.when_loaded(freeze_long_lived_objects)
    # Served on this machine too: the log folder it opens appears in front of the same person.
    attach_diagnostics(local.app, AppDiagnostics(local.data_dir))
    # uvicorn shuts down gracefully on SIGTERM, then raises it again; this handler turns that
    # second one into an ordinary exit so the store is closed too.
    previous = signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        asyncio.run(local.serve(on_ready=lambda: print(local.page_url, flush=True)))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        local.close()
    return 0


def _exit_quietly(_signal: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)
