"""Where the local server answers, taken before anything else starts: the socket, bound and
listening, and the launch's token. Standard library only (``common.log_redaction`` is too), so
the window can open on the address while the server's own modules (FastAPI, the store,
ChatKit's types) are still being imported: the page's first request waits in the socket's
backlog until the server takes it, and never races it."""

import secrets
import socket
from dataclasses import dataclass

from common.log_redaction import keep_out_of_logs

LOOPBACK = "127.0.0.1"
TOKEN_BYTES = 32


def new_bearer_token() -> str:
    """A fresh token of 256 random bits, for one launch of the server."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def bind_loopback(port: int) -> socket.socket:
    # Naming the protocol matters: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    # connections whose socket says it is TCP, and with it on, the first event of every
    # answer on a kept-alive connection waited about 40 ms for the page's delayed ACK.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOOPBACK, port))
        listener.listen(128)
        listener.set_inheritable(True)
    except OSError:
        listener.close()
        raise
    return listener


@dataclass(frozen=True)
class LoopbackEndpoint:
    socket: socket.socket
    token: str

    @classmethod
    def open(cls, port: int = 0) -> "LoopbackEndpoint":
        """``port`` 0 takes a free one. Raises OSError when it cannot be had."""
        token = new_bearer_token()
        keep_out_of_logs(token)
        return cls(bind_loopback(port), token)

    @property
    def port(self) -> int:
        port: int = self.socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def page_url(self) -> str:
        """The address to open; the token rides in the fragment, which no request carries."""
        return f"{self.url}/#token={self.token}"

    def close(self) -> None:
        self.socket.close()
