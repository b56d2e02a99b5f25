from datetime import UTC, datetime, timedelta, timezone

from server.store.sort_keys import created_sort_key


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
