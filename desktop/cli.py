"""The ``chatkit-desktop`` command: argument parsing and dispatch.

Only the standard library is imported here, so ``--version`` and ``--help`` answer at once; each
command imports what it needs when it runs.
"""

import argparse
from collections.abc import Callable, Sequence
from importlib.metadata import version

from common.paths import DATA_DIR_ENV, data_dir
from desktop.window.backend import GUI_BACKENDS

# The names of server/export/formats.py's FORMATS, which --help cannot import: it brings in
# ChatKit's types.
EXPORT_FORMATS = ("md", "json")


def _shared_options() -> argparse.ArgumentParser:
    # SUPPRESS keeps a subcommand's parser from overwriting an option given before its name.
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"where conversations are kept (default: ${DATA_DIR_ENV}, else the OS data directory)",
    )
    options.add_argument(
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also write the log, debug lines included, to standard error",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    shared = _shared_options()
    parser = argparse.ArgumentParser(
        prog="chatkit-desktop",
        description="ChatKit Desktop: OpenAI's ChatKit in a native window, history kept locally.",
        parents=[shared],
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {version('chatkit-desktop')}"
    )
    parser.add_argument(
        "--gui",
        choices=GUI_BACKENDS,
        default=None,
        help="the window's web view backend (default: qt on Linux, the system's own elsewhere)",
    )
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    serve = commands.add_parser(
        "serve",
        parents=[shared],
        help="run the local server without a window and print the address to open",
    )
    serve.add_argument(
        "--port", type=int, default=0, help="loopback port to listen on (default: a free one)"
    )
    serve.set_defaults(handler=_lazy("desktop.commands.serve"))

    ask = commands.add_parser(
        "ask",
        parents=[shared],
        help="ask about the selected text (or TEXT) in the app, starting it if need be",
        description=(
            "Brings up the app with what to ask about: TEXT, the text on standard input, or, "
            "with neither, the active window and the selected text, as the global shortcut "
            "does. Bind it to a desktop shortcut where the app cannot register its own."
        ),
    )
    ask.add_argument("text", nargs="?", metavar="TEXT", help="the text to ask about")
    ask.add_argument(
        "--stdin", action="store_true", help="read the text to ask about from standard input"
    )
    ask.set_defaults(handler=_lazy("desktop.commands.ask"))

    key = commands.add_parser(
        "key", parents=[shared], help="store, inspect or remove the OpenAI API key"
    )
    key_actions = key.add_subparsers(title="actions", dest="action", metavar="ACTION")
    key_actions.required = True
    key_actions.add_parser("set", help="store a key in the system keyring")
    key_actions.add_parser("status", help="say where the key comes from, never the key")
    key_actions.add_parser("clear", help="remove the key from the system keyring")
    key.set_defaults(handler=_lazy("desktop.commands.key"))

    doctor = commands.add_parser(
        "doctor",
        parents=[shared],
        help="check what the app depends on and say what to do about what fails",
    )
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.set_defaults(handler=_lazy("desktop.commands.doctor"))

    export = commands.add_parser(
        "export",
        parents=[shared],
        help="write the conversations, or one, to a Markdown or JSON file and print its path",
        description=(
            "Reads the conversation database without changing it, so it works while the app "
            "runs. The file goes to the Downloads folder under a new name unless -o says where."
        ),
    )
    export.add_argument(
        "--format", choices=EXPORT_FORMATS, default="md", help="the file's format (default: md)"
    )
    export.add_argument("--thread", metavar="ID", help="only this conversation (its thr_… id)")
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="a folder to put the file in, or the file to write (replaced if it exists)",
    )
    export.set_defaults(handler=_lazy("desktop.commands.export"))
    return parser


def _lazy(module: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        command: Callable[[argparse.Namespace], int] = import_module(module).run
        return command(args)

    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.verbose = getattr(args, "verbose", False)
    handler = args.handler or _lazy("desktop.commands.app")
    # Only now: --version and --help have answered and exited inside parse_args.
    from desktop.log_file import log_exit, start_log

    start_log(args.command or "app", data_dir(args.data_dir), args.verbose)
    try:
        status = handler(args)
    except SystemExit as exiting:
        log_exit(exiting.code)
        raise
    log_exit(status)
    return status
