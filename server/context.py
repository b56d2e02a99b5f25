"""What every store call and ``respond()`` receives about the request it serves."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    """The store scopes every query by ``user_id``; one user never sees another's threads."""

    user_id: str
