"""Runs the checks side by side, each on a thread of its own with a time limit, so one that
hangs (an endpoint that never answers, a keyring waiting on a prompt) is cut and reported while
the others still finish: the whole report takes about as long as the slowest check's limit."""

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.doctor.check import Check, failed


@dataclass(frozen=True)
class CheckRun:
    """``produce`` gives one line or several (the endpoint's reachability, then its model)."""

    name: str
    produce: Callable[[], Check | list[Check]]
    limit: float
    fix_when_cut: str


def run_all(runs: Sequence[CheckRun]) -> list[Check]:
    results: dict[int, list[Check]] = {}
    threads = []
    for index, run in enumerate(runs):
        thread = threading.Thread(
            target=_run_one, args=(run, index, results), name=f"doctor-{run.name}", daemon=True
        )
        thread.start()
        threads.append((thread, run))
    started = time.monotonic()
    report: list[Check] = []
    for index, (thread, run) in enumerate(threads):
        thread.join(max(0.0, started + run.limit - time.monotonic()))
        if index in results:
            report.extend(results[index])
        else:
            report.append(failed(run.name, f"no answer within {run.limit:g} s", run.fix_when_cut))
    return report


def _run_one(run: CheckRun, index: int, results: dict[int, list[Check]]) -> None:
    try:
        produced = run.produce()
    except Exception as error:
        # A check must report, not crash the report: what broke is the finding.
        produced = failed(run.name, f"the check itself failed: {error!r}", run.fix_when_cut)
    results[index] = produced if isinstance(produced, list) else [produced]
