"""The number a thread or an item is ordered by: its ``created_at`` in microseconds."""

from datetime import UTC, datetime, timedelta

_LOCAL_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


def created_sort_key(moment: datetime) -> int:
    """Microseconds since 1970 on the local wall clock.

    The SDK stamps everything with a naive ``datetime.now()``, local wall-clock time, so that is
    the scale; an aware datetime is first converted to local time so both kinds sort together.
    The exact datetime is kept in the JSON; this only orders.
    """
    wall_clock = moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment
    return (wall_clock - _LOCAL_EPOCH) // _MICROSECOND


def utc_iso_of_sort_key(key: int) -> str:
    """The moment ``key`` stands for, as ISO 8601 in UTC to the millisecond
    (``2025-03-01T11:00:00.123Z``, the form JavaScript's ``Date.toISOString`` gives)."""
    wall_clock = _LOCAL_EPOCH + key * _MICROSECOND
    return wall_clock.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
