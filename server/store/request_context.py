"""What every store call and ``respond()`` receives about the request it serves."""

from dataclasses import dataclass

from common.shared_context import SharedContext


@dataclass(frozen=True)
class RequestContext:
    """The store scopes every query by ``user_id``; one user never sees another's threads.

    ``shared_context`` is what the page sent along with a new message, if anything.
    """

    user_id: str
    shared_context: SharedContext | None = None
