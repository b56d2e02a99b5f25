import threading
import time

from desktop.doctor.check import Check, ok
from desktop.doctor.running import CheckRun, run_all


def test_a_check_that_hangs_is_cut_at_its_limit_and_the_others_still_report() -> None:
    never = threading.Event()

    def hangs() -> Check:
        never.wait()
        return ok("hangs", "unreachable")

    started = time.monotonic()
    report = run_all(
        [
            CheckRun("first", lambda: ok("first", "fine"), 2.0, "unused"),
            CheckRun("hangs", hangs, 0.3, "Unlock the keyring."),
            CheckRun("last", lambda: [ok("last", "a"), ok("last", "b")], 2.0, "unused"),
        ]
    )
    elapsed = time.monotonic() - started
    never.set()
    assert [(check.name, check.status) for check in report] == [
        ("first", "ok"),
        ("hangs", "failed"),
        ("last", "ok"),
        ("last", "ok"),
    ]
    assert report[1].detail == "no answer within 0.3 s"
    assert report[1].fix == "Unlock the keyring."
    assert elapsed < 1.5


def test_the_limits_run_side_by_side_not_one_after_another() -> None:
    def slow() -> Check:
        time.sleep(0.4)
        return ok("slow", "done")

    started = time.monotonic()
    report = run_all([CheckRun(f"slow {n}", slow, 2.0, "unused") for n in range(4)])
    assert [check.status for check in report] == ["ok"] * 4
    assert time.monotonic() - started < 1.2


def test_a_check_that_breaks_is_reported_as_failed_with_its_fix() -> None:
    def breaks() -> Check:
        raise RuntimeError("no such thing")

    (check,) = run_all([CheckRun("broken", breaks, 1.0, "Reinstall the app.")])
    assert check.status == "failed"
    assert "no such thing" in check.detail
    assert check.fix == "Reinstall the app."
