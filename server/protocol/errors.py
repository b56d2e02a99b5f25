"""The one exception the protocol edge raises for anything a client sends that we refuse."""


class ChatKitRequestError(Exception):
    """A request we will not pass on, with a message for the client. The route answers it
    with HTTP 400 and ``str(error)`` as the message."""
