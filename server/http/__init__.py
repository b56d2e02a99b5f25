"""How requests reach the app: the FastAPI assembly, the socket and token it listens with, the
services the routes share, the one error shape, and the event stream to open pages."""
