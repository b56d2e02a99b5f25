"""A thread's title, taken from its first message on the spot, so the answer never waits for
it and no extra model call is made."""

from chatkit.types import UserMessageItem, UserMessageTextContent

TITLE_LIMIT = 60


def title_from_message(message: UserMessageItem) -> str | None:
    text = " ".join(
        part.text for part in message.content if isinstance(part, UserMessageTextContent)
    )
    words = text.split()
    if not words:
        return None
    title = " ".join(words)
    if len(title) <= TITLE_LIMIT:
        return title
    cut = title[: TITLE_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
