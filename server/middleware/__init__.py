"""Pure ASGI middlewares that guard the loopback server, one concern per module."""
