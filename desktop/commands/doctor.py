"""``chatkit-desktop doctor [--json]``: checks what the app depends on and says what to do about
what fails. Exit status 1 when any check failed."""

import argparse

from common.paths import data_dir
from desktop.doctor.checks import run_doctor
from desktop.doctor.report import any_failed, as_json, as_text


def run(args: argparse.Namespace) -> int:
    checks = run_doctor(data_dir(args.data_dir))
    print(as_json(checks) if args.json else as_text(checks), end="")
    return 1 if any_failed(checks) else 0
