"""The loader builds the agent side once, on a thread of its own, and says when it has."""

import threading
from collections.abc import Callable
from typing import Any, cast

import pytest

from server.agent.sdk_loader import ChatKitServerLoader


class Built:
    """What a build returned; the loader never looks inside."""


def loader_of(build: Callable[[], object]) -> ChatKitServerLoader:
    # Any build will do: the loader only hands on what it returned.
    return ChatKitServerLoader(cast(Any, build))


async def test_get_builds_once_and_returns_the_same_server() -> None:
    builds: list[Built] = []

    def build() -> Built:
        builds.append(Built())
        return builds[-1]

    loader = loader_of(build)
    first = await loader.get()
    second = await loader.get()

    assert first is second is builds[0]
    assert loader.loaded


def test_when_loaded_runs_on_the_loading_thread_once_built() -> None:
    proceed = threading.Event()
    ran_on: list[str] = []

    def build() -> Built:
        proceed.wait(5)
        return Built()

    loader = loader_of(build)
    done = threading.Event()

    def record() -> None:
        ran_on.append(threading.current_thread().name)
        done.set()

    loader.when_loaded(record)
    loader.start()
    assert not done.wait(0.1)
    proceed.set()

    assert done.wait(5)
    assert ran_on == ["chatkit-server-loader"]


async def test_when_loaded_after_loading_runs_at_once() -> None:
    loader = loader_of(Built)
    await loader.get()
    ran: list[bool] = []

    loader.when_loaded(lambda: ran.append(True))

    assert ran == [True]


async def test_when_loaded_never_runs_if_building_fails() -> None:
    def build() -> Built:
        raise RuntimeError("no agent today")

    loader = loader_of(build)
    ran: list[bool] = []
    loader.when_loaded(lambda: ran.append(True))

    with pytest.raises(RuntimeError, match="no agent today"):
        await loader.get()
    assert ran == []
    assert not loader.loaded
