import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from server.store.sort_keys import created_sort_key, utc_iso_of_sort_key


def test_later_moments_have_larger_keys_to_the_microsecond() -> None:
    moment = datetime(2025, 3, 1, 12, 0, 0, 5)

    assert created_sort_key(moment + timedelta(microseconds=1)) == created_sort_key(moment) + 1
    assert created_sort_key(datetime(1970, 1, 1)) == 0
    assert created_sort_key(datetime(1969, 12, 31, 23, 59, 59)) == -1_000_000


def test_an_aware_moment_sorts_with_the_local_wall_clock_it_corresponds_to() -> None:
    aware = datetime(2025, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=5)))
    local = aware.astimezone().replace(tzinfo=None)

    assert created_sort_key(aware) == created_sort_key(local)
    assert created_sort_key(aware.astimezone(UTC)) == created_sort_key(aware)


@pytest.fixture
def lisbon_summer_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Lisbon")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("lisbon_summer_time")
def test_a_key_reads_back_as_its_moment_in_utc_to_the_millisecond() -> None:
    # 14:30 on Lisbon's wall clock in July is 13:30 UTC.
    key = created_sort_key(datetime(2025, 7, 1, 14, 30, 5, 123456))

    assert utc_iso_of_sort_key(key) == "2025-07-01T13:30:05.123Z"
    assert utc_iso_of_sort_key(created_sort_key(datetime(2025, 1, 1, 0, 0))) == (
        "2025-01-01T00:00:00.000Z"
    )
