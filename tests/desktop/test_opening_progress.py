"""Steps of opening pass on only once opening is slow: a normal start shows nothing."""

import threading

import pytest

from desktop.opening_progress import SlowOpening, print_steps

WAIT = 10.0


class Shown:
    def __init__(self) -> None:
        self.steps: list[tuple[str, float | None]] = []
        self.first = threading.Event()
        self.finished = 0

    def show(self, step: str, fraction: float | None) -> None:
        self.steps.append((step, fraction))
        self.first.set()

    def over(self) -> None:
        self.finished += 1


def test_a_quick_opening_shows_nothing() -> None:
    shown = Shown()
    opening = SlowOpening(shown.show, shown.over, delay=0.2)
    opening.report("Checking", None)
    opening.finish()

    assert not shown.first.wait(0.4)
    assert shown.steps == []
    assert shown.finished == 0


def test_a_slow_opening_shows_the_step_under_way_then_every_next_one() -> None:
    shown = Shown()
    opening = SlowOpening(shown.show, shown.over, delay=0.05)
    opening.report("Checking", None)
    opening.report("Backing up", 0.0)
    assert shown.first.wait(WAIT)
    opening.report("Backing up", 0.5)
    opening.report("Upgrading", None)
    opening.finish()
    opening.finish()
    opening.report("late", None)

    assert shown.steps == [("Backing up", 0.0), ("Backing up", 0.5), ("Upgrading", None)]
    assert shown.finished == 1


def test_a_failed_opening_leaves_what_was_shown_to_the_error() -> None:
    shown = Shown()
    opening = SlowOpening(shown.show, shown.over, delay=0.05)
    opening.report("Upgrading", None)
    assert shown.first.wait(WAIT)
    opening.finish(opened=False)

    assert shown.finished == 0


def test_a_terminal_gets_each_step_once(capsys: pytest.CaptureFixture[str]) -> None:
    show = print_steps()
    show("Backing up", 0.0)
    show("Backing up", 0.7)
    show("Upgrading", None)

    assert capsys.readouterr().err.splitlines() == [
        "chatkit-desktop: Backing up…",
        "chatkit-desktop: Upgrading…",
    ]
