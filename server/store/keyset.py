"""Keyset pagination: a page starts after the (sort key, seq) of the row its cursor names; the
sort key is an item's ``created_key``, a thread's ``updated_key``.

Its cost is that of the page, however long the history, where OFFSET would walk every row
before it.
"""

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from chatkit.types import Page

T = TypeVar("T")
Row = TypeVar("Row", bound=tuple[Any, ...])
Order = Literal["asc", "desc"]
Position = tuple[int, int]

_SMALLEST = -(2**63)
_LARGEST = 2**63 - 1
# Where a page without a cursor starts: before every row in the order asked for.
_START: dict[Order, Position] = {"asc": (_SMALLEST, _SMALLEST), "desc": (_LARGEST, _LARGEST)}


def checked_order(order: str) -> Order:
    if order == "asc" or order == "desc":
        return order
    raise ValueError(f"order must be 'asc' or 'desc', not {order!r}")


def checked_limit(limit: int) -> int:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    return limit


def start_position(order: Order) -> Position:
    return _START[order]


def page_of(rows: list[Row], limit: int, parse: Callable[[Row], T]) -> Page[T]:
    """``rows`` start with the id, one more than ``limit`` if there are more to come.

    ``after`` is the id of the page's last element, the cursor for the next page.
    """
    shown = rows[:limit]
    return Page(
        data=[parse(row) for row in shown],
        has_more=len(rows) > limit,
        after=shown[-1][0] if shown else None,
    )
