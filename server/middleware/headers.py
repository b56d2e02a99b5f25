"""Reading request headers straight from an ASGI scope, where a header may appear more than
once: a guard must see every copy, or a second copy could slip past it."""

from starlette.types import Scope


def header_values(scope: Scope, name: bytes) -> list[bytes]:
    """Every value of header ``name`` (lower case), in the order received."""
    return [value for key, value in scope["headers"] if key.lower() == name]
